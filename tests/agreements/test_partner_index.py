"""The partners index (/<lang>/partners/): its map of Peru's partners and the same data as a table."""

import re
from urllib.parse import urlsplit

from django.urls import resolve

import pytest
from lxml import etree, html

from agreements.models import Agreement, AgreementStatus, Partner, Partnership
from agreements.partner_index import SORTS, partner_rows
from agreements.partner_map import world_shapes
from tests.factories import bulk_agreements

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
# Every page also renders the site header and footer: the book's home page, its chapters and its
# authors page (three queries), and the publishers (one).
LAYOUT = 4
INDEX = (
    1  # every live partner, with its live partnerships and initiatives counted
    + 1  # the parties of the live agreements, with each agreement's status
    + 1  # the live blocs' live members
    + LAYOUT
)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def map_svg(page):
    """The map's SVG, parsed as XML on its own (as a browser would read an .svg file)."""
    start, end = page.index("<svg xmlns="), page.index("</svg>", page.index('class="partner-map__svg"')) + len("</svg>")
    return etree.fromstring(page[start:end].encode())


def table_rows(page):
    tree = html.fromstring(page)
    return tree.xpath("//table[caption[@id='partners-table-caption']]/tbody/tr")


def expected_counts(partner):
    """What the partner's own page counts: its agreements directly or through its blocs, by today's
    status; its live partnerships and initiatives."""
    agreements = Agreement.objects.live().with_partner(partner)
    return {
        "in_force": agreements.filter(status=AgreementStatus.IN_FORCE).count(),
        "signed": agreements.filter(status=AgreementStatus.SIGNED).count(),
        "negotiating": agreements.filter(status=AgreementStatus.NEGOTIATING).count(),
        "partnerships": partner.partnerships.live().count(),
        "initiatives": partner.initiatives.live().count(),
    }


@pytest.mark.parametrize(("language", "japan"), [("en", "Japan"), ("es", "Japón")])
def test_the_index_answers_in_both_languages_with_names_in_the_readers_language(client, language, japan):
    page = get(client, f"/{language}/partners/")
    assert f'<html lang="{language}">' in page
    names = [row.xpath("string(th/a)") for row in table_rows(page)]
    assert japan in names
    titles = [link.findtext(f"{SVG}title") for link in map_svg(page).iter(f"{SVG}a")]
    assert any(title.startswith(f"{japan}:") for title in titles)


def test_every_live_partner_is_a_row_linking_to_its_page_blocs_included(client):
    page = get(client, "/en/partners/")
    rows = table_rows(page)
    live = Partner.objects.live()
    assert len(rows) == live.count() == 85
    hrefs = {row.xpath("string(th/a/@href)") for row in rows}
    assert hrefs == {partner.get_absolute_url() for partner in live}
    assert "/en/partners/european-union/" in hrefs and "/en/partners/wto/" in hrefs
    assert "70 countries and 15 blocs and organizations" in page


def test_the_counts_are_those_of_each_partners_page(client):
    rows = {row.partner.slug: row for row in partner_rows()}
    for partner in Partner.objects.live():
        row = rows[partner.slug]
        counts = expected_counts(partner)
        assert (row.in_force, row.signed, row.negotiating, row.partnerships, row.initiatives) == tuple(
            counts.values()
        ), partner.slug
    # Through its bloc: Germany has the European Union's agreement in force and TISA under negotiation.
    germany = rows["germany"]
    assert (germany.in_force, germany.negotiating, germany.relationship) == (1, 1, "in_force")
    japan = expected_counts(Partner.objects.get(code="JP"))
    page = get(client, "/en/partners/")
    (japan_row,) = [row for row in table_rows(page) if row.xpath("string(th/a)") == "Japan"]
    cells = [cell.text_content().strip() for cell in japan_row.xpath("td")][1:]
    assert cells == [
        str(japan["in_force"]),
        str(japan["signed"]),
        str(japan["negotiating"]),
        str(japan["in_force"] + japan["signed"] + japan["negotiating"]),
        str(japan["partnerships"]),
        str(japan["initiatives"]),
    ]


def test_a_country_is_shaded_by_its_strongest_relationship():
    rows = {row.partner.code: row for row in partner_rows() if row.partner.code}
    assert rows["JP"].relationship == "in_force"  # in force, and under negotiation (TISA)
    assert rows["GT"].relationship == "signed"
    assert rows["IN"].relationship == "negotiating"
    assert rows["BR"].relationship == "in_force"  # its own agreement is signed; Mercosur's is in force
    partnership_only = [row for row in rows.values() if row.relationship == "partnership"]
    assert partnership_only and all(not row.agreements and row.partnerships for row in partnership_only)


def test_the_map_is_well_formed_svg_with_a_text_alternative_and_no_inline_style_or_script(client):
    page = get(client, "/en/partners/")
    svg = map_svg(page)
    labelled_by = svg.get("aria-labelledby").split()
    ids = {element.get("id") for element in svg.iter() if element.get("id")}
    assert set(labelled_by) <= ids
    assert svg.find(f"{SVG}title").text == "Map of Peru's partners"
    assert "table below" in svg.find(f"{SVG}desc").text
    assert not [element for element in svg.iter() if element.get("style") is not None]
    assert not list(svg.iter(f"{SVG}script"))
    assert not [name for element in svg.iter() for name in element.attrib if name.startswith("on")]
    # The figure's caption points to the table, and the legend names every relationship in words.
    assert '<figure class="partner-map" aria-labelledby="partner-map-caption">' in page
    assert 'href="#partners-table"' in page
    for label in ("Trade agreement in force", "Trade agreement under negotiation", "Strategic partnership"):
        assert label in page
    csp = client.get("/en/partners/").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp


def test_every_partner_country_with_a_relationship_links_to_its_page_from_the_map(client):
    svg = map_svg(get(client, "/en/partners/"))
    links = {link.get("data-code"): link for link in svg.iter(f"{SVG}a")}
    drawn = set(world_shapes())
    related = [
        row.partner for row in partner_rows() if row.partner.is_country and row.relationship or row.partner.code == "PE"
    ]
    assert len(related) > 60
    for partner in related:
        if partner.code in drawn:
            link = links[partner.code]
            assert link.get("href") == partner.get_absolute_url()
            assert link.findtext(f"{SVG}title").startswith(partner.name)
            assert link.get("aria-label") == link.findtext(f"{SVG}title")
            assert list(link.iter(f"{SVG}path")), partner.code
    for code, link in links.items():
        match = resolve(urlsplit(link.get("href")).path)
        assert match.url_name == "partner_detail"
        assert Partner.objects.live().get(slug=match.kwargs["slug"]).code == code
    # Peru is drawn apart and labelled; blocs have no shape.
    peru = links["PE"]
    assert "partner-map__fill--peru" in peru.get("class")
    assert peru.findtext(f"{SVG}text") == "Peru"
    assert not [code for code in links if not re.fullmatch(r"[A-Z]{2}", code)]


def test_a_draft_partner_or_agreement_never_shows(client):
    Partner.objects.filter(code="IN").update(live=False)
    Agreement.objects.filter(parties__code="GT").update(live=False)
    page = get(client, "/en/partners/")
    assert "/en/partners/india/" not in page
    links = {link.get("data-code"): link for link in map_svg(page).iter(f"{SVG}a")}
    assert "IN" not in links and "GT" not in links


@pytest.mark.parametrize("sort", list(SORTS))
def test_each_sort_orders_the_table(client, sort):
    page = get(client, f"/en/partners/?sort={sort}")
    rows = table_rows(page)
    assert len(rows) == 85
    column = list(SORTS).index(sort)
    heading = html.fromstring(page).xpath("//table/thead/tr/th")[column]
    assert heading.get("aria-sort") in ("ascending", "descending")
    if sort in ("in_force", "signed", "negotiating", "agreements", "partnerships", "initiatives"):
        counts = [int(row.xpath("td")[column - 1].text_content()) for row in rows]
        assert counts == sorted(counts, reverse=True) and counts[0] > 0
    assert '<meta name="robots" content="noindex, follow">' in page
    assert '<link rel="canonical" href="http://testserver/en/partners/">' in page


@pytest.mark.parametrize("sort", ["bogus", "", "NAME", "name'--", "%00", "in_force&sort=x", "a" * 5000])
def test_a_bad_sort_gives_the_default_order_and_no_error(client, sort):
    default = [row.xpath("string(th/a)") for row in table_rows(get(client, "/en/partners/"))]
    page = get(client, f"/en/partners/?sort={sort}")
    assert [row.xpath("string(th/a)") for row in table_rows(page)] == default
    assert default[0] == "Andean Community"


def test_the_sort_links_are_the_validated_values(client):
    tree = html.fromstring(get(client, "/en/partners/?sort=region"))
    links = tree.xpath("//table/thead//a/@href")
    assert "/en/partners/#partners-table" in links
    assert {link.split("=")[1].split("#")[0] for link in links if "sort=" in link} == set(SORTS) - {"name", "region"}


def add_many_partners_and_agreements():
    """300 more countries-in-name (no ISO code) and blocs, 600 more agreements among them, each bloc
    with ten members, and 300 more partnerships."""
    partners = Partner.objects.bulk_create(
        Partner(slug=f"bulk-partner-{n}", name=f"Bulk partner {n}", kind="country" if n % 3 else "bloc", live=True)
        for n in range(300)
    )
    blocs = [partner for partner in partners if partner.kind == "bloc"]
    countries = [partner for partner in partners if partner.kind == "country"]
    Members = Partner.members.through
    Members.objects.bulk_create(
        Members(from_partner_id=bloc.pk, to_partner_id=countries[(i * 10 + k) % len(countries)].pk)
        for i, bloc in enumerate(blocs)
        for k in range(10)
    )
    japan = Partner.objects.get(code="JP")
    bulk_agreements(600, lambda n: (partners[n % 300], japan), first_order=500, description="Generated.")
    Partnership.objects.bulk_create(
        Partnership(slug=f"bulk-partnership-{n}", partner=partners[n], description="Generated.", live=True)
        for n in range(300)
    )


@pytest.mark.parametrize("url", ["/en/partners/", "/es/partners/?sort=initiatives", "/en/partners/?sort=bogus"])
def test_the_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries, url):
    client.get(url)  # Wagtail caches the site's root paths after the first request: measure a warm page.
    with django_assert_num_queries(INDEX):
        assert client.get(url).status_code == 200
    add_many_partners_and_agreements()
    with django_assert_num_queries(INDEX):
        page = get(client, url)
    assert len(table_rows(page)) == 385
    japan = {row.partner.code: row for row in partner_rows() if row.partner.code}["JP"]
    assert japan.agreements == Agreement.objects.live().with_partner(japan.partner).count() > 600
