"""The timelines: their geometry, their two layouts (an SVG for wide screens, a list by year for
narrow ones), their data tables; and the partnerships page, which quotes the book once."""

import re
from types import SimpleNamespace

from django.urls import reverse
from django.utils import translation

import pytest

from agreements.models import Agreement, Partnership
from agreements.passages import distinct_passages
from agreements.timeline import DETAILS_CHARACTERS, DETAILS_LINES, _ticks, agreements_chart, partnerships_chart

pytestmark = pytest.mark.django_db


def test_ticks_thin_out_on_long_spans():
    assert _ticks(2003, 2016) == list(range(2003, 2017))
    assert _ticks(1990, 2021) == [1990, 1995, 2000, 2005, 2010, 2015, 2020]
    assert _ticks(1969, 2021) == [1970, 1980, 1990, 2000, 2010, 2020]


def test_agreements_chart_stacks_by_year_and_draws_spans():
    chart = agreements_chart(Agreement.objects.live().with_years().by_book_order())
    marks = {mark.label: mark for mark in chart.marks}
    thailand = marks["Peru–Thailand Free Trade Agreement"]
    chile = marks["Peru–Chile Free Trade Agreement"]
    assert thailand.x == chile.x and thailand.y < chile.y  # same year, stacked above
    assert thailand.x_end > thailand.x  # 2006-2010
    assert chile.x_end is None
    assert marks["Trade in Services Agreement (TISA)"].x == chart.undated_x
    assert all(0 <= mark.x <= chart.width and 0 <= mark.y <= chart.height for mark in chart.marks)
    assert [row["label"] for row in chart.rows][:2] == ["1969", "1995"]
    assert chart.rows[-1]["label"] == "No year given" and chart.rows[-1]["total"] == 4


def test_charts_survive_no_records():
    assert agreements_chart([]).marks == []
    assert partnerships_chart([]).marks == []


def test_partnerships_chart_one_row_each():
    chart = partnerships_chart(Partnership.objects.live().select_related("partner").order_by("year_start"))
    assert len(chart.marks) == 13
    assert len({mark.y for mark in chart.marks}) == 13
    mexico = next(mark for mark in chart.marks if mark.label == "Mexico")
    assert mexico.x_end > mexico.x
    germany = next(mark for mark in chart.marks if mark.label == "Germany")
    assert germany.x is None


def test_url_names_are_the_public_contract():
    assert reverse("agreement_list") == "/en/agreements/"
    assert reverse("agreement_detail", kwargs={"slug": "tisa"}) == "/en/agreements/tisa/"
    assert reverse("agreement_export", kwargs={"format": "csv"}) == "/en/agreements/export.csv"
    assert reverse("agreement_timeline") == "/en/agreements/timeline/"
    assert reverse("partnership_list") == "/en/partnerships/"
    assert reverse("partner_detail", kwargs={"slug": "japan"}) == "/en/partners/japan/"


def html(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


def between(body, start, end):
    begin = body.index(start)
    return body[begin : body.index(end, begin)]


def test_a_marks_details_name_it_and_fit_the_band():
    chart = agreements_chart(Agreement.objects.live().with_years().by_book_order())
    thailand = next(mark for mark in chart.marks if mark.label == "Peru–Thailand Free Trade Agreement")
    assert thailand.accessible_name == "Peru–Thailand Free Trade Agreement, 2006-2010, In force"
    assert [line for _y, line in thailand.details] == ["Peru–Thailand Free Trade Agreement", "2006-2010 · In force"]
    for mark in chart.marks:
        lines = [line for _y, line in mark.details]
        assert 2 <= len(lines) <= DETAILS_LINES
        assert all(len(line) <= DETAILS_CHARACTERS for line in lines[:-1])
        baselines = [y for y, _line in mark.details]
        assert baselines == sorted(baselines) and baselines[-1] < chart.band_top + chart.band_height
    # The highest mark, with its 9-pixel halo, stays clear of the band.
    assert chart.band_top + chart.band_height < min(mark.y for mark in chart.marks) - 9


def test_the_narrow_layout_lists_every_mark_by_year():
    chart = agreements_chart(Agreement.objects.live().with_years().by_book_order())
    assert [group.label for group in chart.groups] == [row["label"] for row in chart.rows]
    assert sum(len(group.marks) for group in chart.groups) == len(chart.marks) == 29
    partnerships = partnerships_chart(Partnership.objects.live().select_related("partner").chronological())
    groups = {group.label: [mark.label for mark in group.marks] for group in partnerships.groups}
    assert groups["2008"] == ["China", "Spain", "Uruguay"]
    assert groups["No year given"] == ["Germany"]
    mexico = groups["2014"]
    assert mexico == ["Mexico"]


def test_marks_read_in_spanish():
    with translation.override("es"):
        chart = agreements_chart(Agreement.objects.live().with_years().by_book_order())
        names = {mark.accessible_name for mark in chart.marks}
    assert any(name.startswith("Tratado de Libre Comercio Perú-Tailandia") or "Tailandia" in name for name in names)
    assert not any("Peru–Thailand" in name for name in names)


def test_agreement_timeline_page(client):
    body = html(client, "/en/agreements/timeline/")
    figure = between(body, '<figure class="chart"', "</figure>")
    assert 'aria-labelledby="agreements-timeline-title"' in figure
    assert '<p class="chart__title" id="agreements-timeline-title">' in figure
    assert "25 agreements with a year, from 1969 to 2021; the busiest year is 2011 with 7" in figure
    svg = between(figure, "<svg xmlns", "</svg>")
    assert 'role="group"' in svg and 'aria-describedby="agreements-timeline-desc"' in svg
    assert 'font-size="13"' in svg
    # Every mark is a link to its agreement, named by its details; no hover-only <title> per mark.
    assert svg.count('<a class="chart-mark" href="/en/agreements/') == 29
    assert 'aria-label="Peru–Thailand Free Trade Agreement, 2006-2010, In force"' in svg
    assert svg.count("<title") == 0
    assert svg.count('class="chart-mark__details"') == 29
    # The narrow layout: the same 29 links, by year, with their details written out.
    narrow = between(figure, '<div class="chart__narrow">', "</ol>")
    assert narrow.count('<a href="/en/agreements/') == 29
    assert narrow.count('<li class="timeline-list__group">') == 17  # 16 years and "No year given"
    assert "2006-2010 · In force" in narrow
    assert "no year ·" not in narrow  # said once, by the group
    # The legend: HTML text, each shape beside its status.
    legend = between(figure, '<ul class="chart-legend', "</ul>")
    assert legend.count("<li>") == 3 and "Under negotiation" in legend
    # The data table, in a focusable scrolling region named by its caption.
    region = between(body, '<div class="table-scroll"', "</table>")
    assert 'role="region" tabindex="0" aria-labelledby="agreements-timeline-table"' in region
    assert '<caption id="agreements-timeline-table">' in region
    row = region[region.index('<th scope="row">2011</th>') :]
    assert row.split("</tr>")[0].count("<li>") == 7
    assert '<th scope="row">No year given</th>' in region
    assert body.count("<script") == body.count('<script type="application/ld+json">')
    assert 'href="/en/agreements/timeline/"' in html(client, "/en/agreements/")
    assert body.count("<h1") == 1


def test_agreement_timeline_in_spanish_keeps_its_coordinates(client):
    body = html(client, "/es/agreements/timeline/")
    svg = between(body, "<svg xmlns", "</svg>")
    assert 'href="/es/agreements/' in svg
    # Spanish writes decimals with a comma; an SVG coordinate must keep its point.
    assert not re.search(r'(?:x|y|x1|x2|y1|y2|width|height)="\d+,\d', svg)
    assert not re.search(r"translate\(\d+,\d", svg)


def test_partnership_timeline(client):
    body = html(client, "/en/partnerships/")
    figure = between(body, '<figure class="chart"', "</figure>")
    assert (
        '<p class="chart__title" id="partnerships-timeline-title">When Peru formed its strategic partnerships</p>'
        in figure
    )
    assert "12 partnerships formed between 2003 and 2016" in figure
    svg = between(figure, "<svg xmlns", "</svg>")
    assert svg.count('<a class="chart-mark"') == 13
    assert 'aria-label="Mexico, between 2014 and 2016, Strategic partnership, Established"' in svg
    # Each row's name is inside its link, so the whole row leads to the partner.
    assert re.search(r'<a class="chart-mark" href="/en/partners/brazil/"[^>]*>\s*<text class="chart-mark__label"', svg)
    narrow = between(figure, '<div class="chart__narrow">', "</ol>")
    assert narrow.count("<a href=") == 13
    table = between(body, '<div class="table-scroll"', "</table>")
    assert table.count('<th scope="row">') == 13
    assert "between 2014 and 2016" in table
    assert body.count("<script") == body.count('<script type="application/ld+json">')


# The book's passage, once ----------------------------------------------------------------------


def test_distinct_passages_keep_the_longest_version_of_each():
    records = [
        SimpleNamespace(name="a", source_text="Peru has formed eleven: Brazil"),
        SimpleNamespace(name="b", source_text="Peru has formed eleven: Brazil, China"),
        SimpleNamespace(name="c", source_text=""),
        SimpleNamespace(name="d", source_text="Likewise, a mechanism with the EU"),
        SimpleNamespace(name="e", source_text="Peru has formed eleven: Brazil, China"),
        SimpleNamespace(name="f", source_text="Likewise, a mechanism with the EU and Germany"),
    ]
    assert [record.name for record in distinct_passages(records)] == ["b", "f"]
    assert distinct_passages([]) == []


def test_partnerships_page_quotes_the_book_once(client):
    body = html(client, "/en/partnerships/")
    assert body.count("During this century, Peru has formed eleven strategic partnerships") == 1
    assert body.count("Likewise, Peru has a bilateral consultation mechanism") == 1
    passages = between(body, '<section class="book-passages"', "</section>")
    assert passages.count('<figure class="quote">') == 2
    assert "in addition to Uruguay (in 2008)." in passages
    assert "Germany, in the field of Germanic cooperation" in passages
    assert passages.count('href="/en/chapter-3/#strategic-partnerships"') == 2
    results = between(body, '<ol class="results">', "</ol>")
    assert '<figure class="quote">' not in results
    assert body.index("book-passages") < body.index('<ol class="results">')


def test_a_filtered_partnerships_page_quotes_what_covers_its_partnerships(client):
    body = html(client, "/en/partnerships/", {"region": "asia"})
    passages = between(body, '<section class="book-passages"', "</section>")
    assert passages.count('<figure class="quote">') == 1
    assert "Japan in 2016)" in passages and "Russia" not in passages
    body = html(client, "/en/partnerships/", {"year_from": "2030"})
    assert "book-passages" not in body


def test_partnerships_page_in_spanish_quotes_the_translation_once(client):
    body = html(client, "/es/partnerships/")
    passages = between(body, '<section class="book-passages"', "</section>")
    assert passages.count('<figure class="quote">') == 2
    assert passages.count('<details class="quote__original">') == 2


def test_a_partner_page_still_quotes_the_book(client):
    body = html(client, "/en/partners/japan/")
    assert "in Asia with the major powers" in body
