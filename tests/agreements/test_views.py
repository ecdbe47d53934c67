"""The public pages: listing, detail, partner, partnerships, timeline; drafts stay private."""

import datetime
import re

from django.test import RequestFactory

import pytest

from agreements.models import Agreement, Partner, Partnership
from tests.factories import make_agreement, make_partner

pytestmark = pytest.mark.django_db


def html(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status
    return response.content.decode()


def main(body):
    return body[body.index("<main") : body.index("</main>")]


def assert_one_h1_and_labelled_fields(body):
    assert body.count("<h1") == 1
    for field_id in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', body):
        assert re.search(rf'<label[^>]* for="{field_id}"', body)


# The listing -----------------------------------------------------------------------------------


def test_listing_shows_every_agreement_with_its_facts(client):
    body = html(client, "/en/agreements/")
    assert '<p class="result-count" role="status" aria-live="polite">29 results</p>' in body
    assert '<a href="/en/agreements/andean-community/">Andean Community (CAN)</a>' in body
    assert "Regional integration" in body
    assert '<span class="status status--in_force">In force</span>' in body
    assert "In the book: 1969 (Free Trade Area for Goods, 2006)" in body
    assert '<a href="/en/partners/andean-community/">Andean Community</a>' in body
    assert 'aria-current="page">Agreements</a>' in body  # the header highlights its section
    assert_one_h1_and_labelled_fields(body)


def test_listing_about_this_data_is_computed_from_the_records(client):
    body = html(client, "/en/agreements/")
    note = body[body.index('class="data-note"') : body.index("</aside>")]
    assert "24 trade agreements" in note
    assert "Andean Community twice" in note
    assert "23 distinct agreements in force" in note
    assert "2 about to enter into force" in note and "25 in all" in note
    assert "another ten or so" in note and "names 4" in note


def test_the_bare_listing_is_indexable_with_a_canonical_link(client):
    body = html(client, "/en/agreements/")
    assert 'name="robots"' not in body
    assert '<link rel="canonical" href="http://testserver/en/agreements/">' in body


def test_the_listings_pages_are_indexable_each_its_own_canonical_address(client):
    body = html(client, "/en/agreements/", {"page": "2"})
    assert 'name="robots"' not in body
    assert '<link rel="canonical" href="http://testserver/en/agreements/?page=2">' in body


@pytest.mark.parametrize(
    "params", [{"status": "in_force"}, {"status": "in_force", "page": "2"}, {"q": "trade"}, {"status": "bogus"}]
)
def test_filtered_variants_are_noindex(client, params):
    body = html(client, "/en/agreements/", params)
    assert '<meta name="robots" content="noindex, follow">' in body
    assert '<link rel="canonical" href="http://testserver/en/agreements/">' in body


def test_active_filters_each_link_to_the_listing_without_it(client):
    body = html(client, "/en/agreements/", {"status": "in_force", "country": "JP"})
    assert '<p class="result-count" role="status" aria-live="polite">2 results</p>' in body
    assert '<a href="?country=JP" aria-label="Remove filter Status: In force">' in body
    assert '<a href="?status=in_force" aria-label="Remove filter Country: Japan">' in body
    assert "filters-notice" not in body


def test_exports_links_carry_the_filters_but_not_the_page(client):
    body = html(client, "/en/agreements/", {"status": "in_force", "page": "2"})
    for fmt in ("csv", "json", "xlsx"):
        assert f'href="/en/agreements/export.{fmt}?status=in_force"' in body
    body = html(client, "/en/agreements/")
    assert 'href="/en/agreements/export.csv"' in body


def test_the_books_29_agreements_are_on_one_page(client):
    body = main(html(client, "/en/agreements/"))
    assert body.count('<li class="result">') == 29
    assert 'class="pagination"' not in body
    assert 'href="/en/agreements/peru-el-salvador-fta/"' in body  # under negotiation: the last in the book


def test_the_count_the_files_the_feed_and_the_timeline_come_before_the_results(client):
    body = main(html(client, "/en/agreements/", {"status": "negotiating"}))
    results = body.index('<ol class="results"')
    for part in [
        'class="result-count"',
        'href="/en/agreements/export.csv?status=negotiating"',
        'href="/en/agreements/export.json?status=negotiating"',
        'href="/en/agreements/export.xlsx?status=negotiating"',
        'href="/en/agreements/feed/?status=negotiating"',
        'href="/en/agreements/timeline/"',
    ]:
        assert body.index(part) < results, part


def page_links(body):
    nav = re.search(r'<nav class="pagination".*?</nav>', body, re.S).group(0)
    return [
        (href, re.sub(r"<[^>]+>", "", text).strip())
        for href, text in re.findall(r'<a[^>]* href="([^"]+)"[^>]*>(.*?)</a>', nav)
    ]


def test_numbered_pagination_keeps_the_filters(client, many_records):
    # 1,029 agreements, 50 a page: 21 pages.
    body = html(client, "/en/agreements/", {"sort": "-year", "page": "10"})
    assert "Page 10 of " in body
    links = page_links(body)
    texts = [text for _href, text in links]
    last = texts[-2 - 1]  # the last number, before "Next" and "Last"
    assert texts[:2] == ["First", "Previous"] and texts[-2:] == ["Next", "Last"]
    assert texts[2:-2] == ["1", "8", "9", "10", "11", "12", last]
    assert body.count('<li class="pagination__gap" aria-hidden="true">…</li>') == 2
    assert all(href.startswith("?sort=-year&amp;page=") for href, _text in links)
    assert ("?sort=-year&amp;page=1", "First") in links and (f"?sort=-year&amp;page={last}", "Last") in links
    assert re.search(r'<a href="\?sort=-year&amp;page=10" aria-current="page"', body)
    nav = body[body.index('<nav class="pagination"') : body.index("</nav>", body.index('<nav class="pagination"'))]
    assert nav.count('aria-current="page"') == 1


def test_the_first_and_last_pages_link_only_onwards_and_back(client, many_records):
    body = html(client, "/en/agreements/")
    assert [text for _href, text in page_links(body)] == ["1", "2", "3", "21", "Next", "Last"]
    assert body.count('class="pagination__gap"') == 1
    body = html(client, "/en/agreements/", {"page": "999"})
    texts = [text for _href, text in page_links(body)]
    assert texts[:3] == ["First", "Previous", "1"] and texts[-1] == "21"
    assert '<ol class="results" start="1001">' in body


def test_empty_state(client):
    body = html(client, "/en/agreements/", {"country": "XX"})
    assert "0 results" in body
    assert '<div class="empty">' in body and "No agreement matches these filters." in body
    assert '<option value="XX" selected>XX</option>' in body  # the form says what was asked for


def test_the_listing_shows_the_books_status_when_it_differs(client):
    agreement = Agreement.objects.get(slug="peru-guatemala-fta")
    agreement.status = "in_force"
    agreement.save_revision().publish()
    body = html(client, "/en/agreements/", {"q": "Guatemala"})
    assert "The book (2022) reports it as: Signed, about to enter into force" in body


def test_a_country_is_chosen_by_name_and_the_parameter_stays_its_code(client):
    body = html(client, "/en/agreements/", {"country": "JP"})
    assert "3 results" in body
    assert '<option value="JP" selected>Japan</option>' in body
    assert '<optgroup label="Asia">' in body
    body = html(client, "/es/agreements/", {"country": "jp"})
    assert '<option value="JP" selected>Japón</option>' in body
    assert '<option value="DE">Alemania</option>' in body
    assert "3 resultados" in body


def test_the_filters_fold_behind_a_toggle_that_opens_when_something_needs_correcting(client):
    body = html(client, "/en/agreements/", {"status": "in_force", "country": "JP"})
    assert '<a class="skip-to-results" href="#results-heading">' in body
    assert '<details class="filters-disclosure wide-open" id="filters">' in body
    assert re.search(r'<summary class="disclosure-toggle">Filter <span[^>]*>\(2 in use\)</span></summary>', body)
    assert '<h2 id="results-heading" class="visually-hidden" tabindex="-1">' in body
    body = html(client, "/en/agreements/", {"year_from": "abc"})
    assert '<details class="filters-disclosure wide-open" id="filters" open>' in body
    note = body[body.index('class="data-note"') : body.index("</aside>")]
    assert '<summary class="disclosure-toggle">About this data</summary>' in note


BAD_LISTING_INPUT = [
    ({"status": "cancelled"}, "“cancelled” is not a status"),
    ({"kind": "treaty"}, "“treaty” is not a kind of agreement"),
    ({"region": "atlantis"}, "“atlantis” is not a region"),
    ({"sort": "random"}, "“random” is not an order"),
    ({"year_from": "abc"}, "“abc” is not a year: type a year such as 2015."),
    ({"year_to": "20x0"}, "“20x0” is not a year"),
    ({"year_from": "-1"}, "“-1” is not a year between 1800 and 2200."),
    ({"year_to": "99999999999999999999"}, "“99999999999999999999” is not a year between 1800 and 2200."),
    ({"year_from": "2015", "year_to": "2010"}, "The start year (2015) is after the end year (2010)."),
    ({"country": "JPN"}, "“JPN” is not a country code"),
    ({"country": "Japan"}, "“Japan” is not a country code: choose a country from the list."),
    ({"country": "J"}, "“J” is not a country code"),
    ({"q": "x" * 5000}, "Type at most 200 characters"),
]


@pytest.mark.parametrize(("params", "message"), BAD_LISTING_INPUT)
def test_bad_input_is_named_and_no_filter_is_applied(client, params, message):
    body = html(client, "/en/agreements/", {**params, "status": params.get("status", "negotiating")})
    assert 'class="errorlist"' in body and 'aria-invalid="true"' in body
    assert message in body.replace("&#x27;", "'")
    assert '<div class="filters-notice" role="alert">' in body and "The filters were not applied." in body
    assert "These filters were not applied: correct the values marked below." in body
    # Every agreement, and files and feed without any filter, as the results are.
    assert '<p class="result-count" role="status" aria-live="polite">29 results</p>' in body
    assert 'href="/en/agreements/export.csv"' in body and 'href="/en/agreements/feed/"' in body
    assert '<ul class="active-filters">' not in body


def test_the_feed_with_a_refused_value_follows_every_agreement_as_the_listing_shows_them(client):
    everything = client.get("/en/agreements/feed/").content.decode()
    refused = client.get("/en/agreements/feed/", {"status": "negotiating", "year_from": "abc"}).content.decode()
    assert refused.count("<entry>") == everything.count("<entry>") == 29
    assert "year_from" not in refused and "negotiating" not in refused


def test_a_typed_year_is_shown_back_as_it_was_typed(client):
    body = html(client, "/en/agreements/", {"year_from": "abc", "year_to": "2010"})
    assert 'name="year_from" value="abc"' in body and 'name="year_to" value="2010"' in body


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"country": "XX"}, "0 results"),
        ({"q": "Japan\x00"}, "3 results"),
        ({"status": ["in_force", "signed"]}, "2 results"),  # repeated: the last one counts
        ({"page": "999"}, '<ol class="results" start="1">'),
        ({"page": "abc"}, '<ol class="results" start="1">'),
        ({"page": "-3"}, '<ol class="results" start="1">'),
        ({"page": "99999999999999999999"}, '<ol class="results" start="1">'),
        ({"page": ""}, '<ol class="results" start="1">'),
    ],
)
def test_odd_input_still_answers(client, params, shown):
    assert shown in html(client, "/en/agreements/", params)


# The detail page -------------------------------------------------------------------------------


def test_detail_shows_the_agreement(client):
    body = html(client, "/en/agreements/peru-japan-epa/")
    assert "<h1>Economic Partnership Agreement between Peru and Japan</h1>" in body
    assert '<p class="lead" lang="es">Acuerdo de Asociación Económica Perú - Japón</p>' in body
    assert "<dt>Kind</dt><dd>Economic partnership agreement</dd>" in body
    assert '<dt>Current status</dt><dd><span class="status status--in_force">' in body
    assert "<dt>Year(s) in the book</dt><dd>2011</dd>" in body
    assert '<a href="/en/partners/japan/">Japan</a> (JP)' in body
    assert (
        '<blockquote lang="en"><p>Economic Partnership Agreement between Peru and Japan, 2011</p></blockquote>' in body
    )
    assert '<a href="/en/chapter-3/#trade-agreements">Read the book\'s section: III. Trade agreements</a>' in body
    assert "book-vs-now" not in body  # the same status as in the book
    assert "Related initiatives" not in body  # none in the data
    assert_one_h1_and_labelled_fields(body)


def test_detail_lists_bloc_members_and_related_agreements(client):
    body = html(client, "/en/agreements/peru-eu-trade-agreement/")
    parties = body[body.index('id="parties-heading"') : body.index("</section>", body.index('id="parties-heading"'))]
    assert "European Union" in parties and '<a href="/en/partners/germany/">Germany</a>' in parties
    related = body[body.index('id="related-heading"') :]
    assert '<a href="/en/agreements/tisa/">' in related


def test_related_agreements_go_through_blocs_but_not_through_peru(client):
    body = html(client, "/en/agreements/peru-japan-epa/")
    related = body[body.index('id="related-heading"') : body.index("</section>", body.index('id="related-heading"'))]
    assert re.findall(r'href="/en/agreements/([^/]+)/"', related) == ["cptpp", "tisa"]


def test_detail_shows_related_initiatives_when_there_are_some(client):
    body = html(client, "/en/agreements/andean-community/")
    assert "Related initiatives" in body
    assert 'href="/en/initiatives/andean-community-restructuring/"' in body


def test_detail_shows_cross_references_when_filled(client):
    agreement = Agreement.objects.get(slug="peru-us-tpa")
    agreement.wto_rta_id = "123"
    agreement.official_text_url = "https://example.org/tpa"
    agreement.save_revision().publish()
    body = html(client, "/en/agreements/peru-us-tpa/")
    assert "WTO regional trade agreements database, id 123" in body
    assert 'href="https://example.org/tpa"' in body
    assert "SICE" not in body


def test_detail_404_for_unknown_and_non_live_records(client):
    html(client, "/en/agreements/no-such-agreement/", status=404)
    Agreement.objects.get(slug="peru-india-fta").unpublish()
    html(client, "/en/agreements/peru-india-fta/", status=404)
    assert "peru-india-fta" not in html(client, "/en/agreements/", {"status": "negotiating"})


def test_a_draft_stays_private_until_published(client):
    agreement = Agreement.objects.get(slug="peru-guatemala-fta")
    agreement.status = "in_force"
    agreement.entered_into_force_on = datetime.date(2024, 6, 1)
    agreement.last_verified_on = datetime.date(2025, 1, 15)
    revision = agreement.save_revision()

    body = html(client, "/en/agreements/peru-guatemala-fta/")
    assert '<dt>Current status</dt><dd><span class="status status--signed">' in body
    assert "book-vs-now" not in body and "Entered into force on" not in body
    assert "2 results" in html(client, "/en/agreements/", {"status": "signed"})
    assert "peru-guatemala-fta" not in html(client, "/en/agreements/", {"status": "in_force", "q": "Guatemala"})

    revision.publish()
    body = html(client, "/en/agreements/peru-guatemala-fta/")
    assert '<dt>Current status</dt><dd><span class="status status--in_force">' in body
    assert "As the book reports (2022)" in body and "Today" in body
    assert '<span class="status status--signed">Signed, about to enter into force</span>' in body
    assert '<time datetime="2024-06-01">' in body
    assert "1 result" in html(client, "/en/agreements/", {"status": "signed"})
    assert "peru-guatemala-fta" in html(client, "/en/agreements/", {"status": "in_force", "q": "Guatemala"})

    history = body[body.index('id="history-heading"') :]
    entries = re.findall(r"<li>\s*<time.*?</li>\s*</ul>|<li>\s*<time.*?</li>", history, flags=re.S)
    assert len(entries) == 2
    latest, first = entries
    assert "Current status: Signed, about to enter into force → In force" in latest
    assert "Entered into force on: — → June 1, 2024" in latest
    assert "Last verified on: — → Jan. 15, 2025" in latest
    assert "first published" in first


def test_a_publication_without_status_or_date_changes_says_so(client):
    agreement = Agreement.objects.get(slug="peru-chile-fta")
    agreement.notes = "Edited."
    agreement.save_revision().publish()
    body = html(client, "/en/agreements/peru-chile-fta/")
    assert "other details edited; no change to status or dates" in body


def test_the_page_of_an_unsaved_agreement_serves_its_preview():
    japan = Partner.objects.get(code="JP")
    agreement = Agreement(
        slug="draft", title="Draft agreement", kind="free_trade", status="negotiating", description="d"
    )
    agreement.parties = [japan]
    context = agreement.get_context(RequestFactory().get("/"))
    assert context["agreement"] is agreement
    assert agreement.parties_shown == [(japan, [])]
    assert {a.slug for a in agreement.related_agreements} == {"peru-japan-epa", "cptpp", "tisa"}
    assert agreement.change_history == [] and agreement.initiatives_shown == []
    response = agreement.make_preview_request()
    assert response.status_code == 200
    assert "Draft agreement" in response.rendered_content


def test_partner_and_partnership_previews_render():
    partner = Partner.objects.get(code="JP")
    assert "Japan" in partner.make_preview_request().rendered_content
    assert partner.get_context(RequestFactory().get("/"))["partnerships"]
    partnership = Partnership.objects.get(slug="mexico")
    body = partnership.make_preview_request().rendered_content
    assert "<h1>Mexico</h1>" in body and "between 2014 and 2016" in body


# Partners --------------------------------------------------------------------------------------


def test_partner_page_has_direct_and_bloc_agreements_partnership_and_initiatives(client):
    body = html(client, "/en/partners/japan/")
    assert "<h1>Japan</h1>" in body and '<p class="lead" lang="es">Japón</p>' in body
    assert "<dt>ISO code</dt><dd>JP</dd>" in body and "<dt>Region</dt><dd>Asia</dd>" in body
    direct = body[body.index("<h3>Directly</h3>") : body.index("<h3>Through blocs it belongs to</h3>")]
    assert re.findall(r'href="/en/agreements/([^/]+)/"', direct) == ["peru-japan-epa", "tisa"]
    through = body[
        body.index("<h3>Through blocs it belongs to</h3>") : body.index("</section>", body.index("<h3>Through"))
    ]
    assert 'href="/en/agreements/cptpp/"' in through and 'through <a href="/en/partners/cptpp/">' in through
    assert "Peru formed a strategic partnership with Japan in 2016." in body
    assert 'href="/en/initiatives/early-warning-system/"' in body
    assert_one_h1_and_labelled_fields(body)


def test_partner_page_of_a_country_reached_only_through_a_bloc(client):
    body = html(client, "/en/partners/germany/")
    assert re.findall(r'href="/en/agreements/([^/]+)/"', body) == ["peru-eu-trade-agreement", "tisa"]
    assert "Global partnership" in body and "Prospective" in body


def test_partner_page_of_a_bloc_lists_its_members(client):
    body = html(client, "/en/partners/european-union/")
    assert "<dt>Members</dt>" in body and '<a href="/en/partners/spain/">Spain</a>' in body
    assert "Bilateral consultation mechanism" in body
    assert 'href="/en/agreements/peru-eu-trade-agreement/"' in body


def test_partner_page_without_records(client):
    make_partner(name="Atlantis", slug="atlantis", code="AX")
    body = html(client, "/en/partners/atlantis/")
    assert "The book lists no trade agreement with this partner." in body
    assert "Initiatives" not in main(body) and "Partnership" not in main(body)


def test_partner_404_for_unknown_and_non_live(client):
    html(client, "/en/partners/nowhere/", status=404)
    Partner.objects.get(slug="haiti").unpublish()
    html(client, "/en/partners/haiti/", status=404)


def test_a_non_live_partner_is_not_listed_among_parties(client):
    bloc = make_partner(name="Test bloc", slug="test-bloc", kind="bloc")
    hidden = make_partner(name="Hidden land", slug="hidden-land", code="HL")
    make_agreement(parties=[bloc, hidden], slug="test-agreement", title="Test agreement")
    hidden.unpublish()
    body = html(client, "/en/agreements/test-agreement/")
    assert "Test bloc" in body and "Hidden land" not in body


# Partnerships and timelines --------------------------------------------------------------------


def test_partnership_listing(client):
    body = html(client, "/en/partnerships/")
    assert "13 results" in body
    assert '<a href="/en/partners/brazil/">Brazil</a>' in body
    assert 'aria-current="page">Partnerships</a>' in body
    assert '<link rel="canonical" href="http://testserver/en/partnerships/">' in body and "noindex" not in body
    assert_one_h1_and_labelled_fields(body)


def test_partnership_listing_filters_and_empty_state(client):
    body = html(client, "/en/partnerships/", {"region": "asia"})
    assert "4 results" in body and '<meta name="robots" content="noindex, follow">' in body
    assert '<a href="?" aria-label="Remove filter' not in body
    body = html(client, "/en/partnerships/", {"year_from": "2030"})
    assert "0 results" in body and "No partnership matches these filters." in body


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "x"},
        {"region": "x"},
        {"year_from": "x"},
        {"year_to": "-1"},
        {"year_from": "99999999999999999999"},
        {"year_from": "2016", "year_to": "2003"},
        {"kind": ["x", "y"]},
    ],
)
def test_partnership_bad_input(client, params):
    body = html(client, "/en/partnerships/", {**params, "region": params.get("region", "asia")})
    assert 'class="errorlist"' in body
    assert '<div class="filters-notice" role="alert">' in body  # and no filter applied: all 13
    assert '<p class="result-count" role="status" aria-live="polite">13 results</p>' in body


def test_an_agreement_in_force_shows_its_dates_with_their_source_beside_the_books_years(client):
    body = html(client, "/en/agreements/peru-japan-epa/")
    facts = body[body.index('class="facts"') : body.index("</dl>", body.index('class="facts"'))]
    assert '<time datetime="2011-05-31">May 31, 2011</time>' in facts
    assert '<time datetime="2012-03-01">March 1, 2012</time>' in facts
    assert "Source of these dates</dt><dd>Mincetur, Acuerdos comerciales del Perú; WTO RTA database" in facts
    assert "Year(s) in the book" in facts
    undated = html(client, "/en/agreements/peru-india-fta/")
    assert "Source of these dates" not in undated and "Signed on" not in undated
