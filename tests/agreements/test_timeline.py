"""The geometry behind the SVG timelines."""

from django.urls import reverse

import pytest

from agreements.models import Agreement, Partnership
from agreements.timeline import _ticks, agreements_chart, partnerships_chart

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
