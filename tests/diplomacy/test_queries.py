"""Each public page runs a fixed number of SQL queries, with the book's records and with many more."""

import pytest

from agreements.models import Agreement, Partner
from diplomacy.models import Area, Initiative, KeyFigure
from tests.factories import chapter

pytestmark = pytest.mark.django_db

# Every page also renders the site header and footer: the book's home page, its chapters and its
# authors page (three queries, portal.book.structure.Book), and the publishers (one query).
LAYOUT = 4
# A record's page also cites itself ("Cite this"), naming the book's authors in its note.
CITATION = 1

LISTING = (
    1  # COUNT of the matching initiatives (paginator)
    + 1  # the live areas, for the area select
    + 1  # the live blocs and organizations that have initiatives, for the organization select
    + 1  # the live countries the initiatives involve (directly or through a bloc), for the country select
    + 1  # one page of initiatives, with their main area (select_related)
    + 1  # the live partners of the initiatives on that page (prefetch)
    + LAYOUT
)
FILTERED_LISTING = LISTING  # the same queries: the selects also name the active filters
DETAIL = (
    1  # the initiative, with its main area and its book chapter (select_related)
    + 1  # its live secondary areas (prefetch)
    + 1  # its live partners (prefetch)
    + 1  # its live agreements (prefetch)
    + 1  # its live key figures, with their book chapter (prefetch)
    + LAYOUT
    + 1  # the Wagtail site of the request, to build the book sections' addresses
    + CITATION
)
AREA = (
    1  # the area, with its book chapter
    + 1  # its live initiatives (main or secondary area), with their main area
    + 1  # the live partners of those initiatives (prefetch)
    + 1  # its live key figures, with their initiative and book chapter
    + LAYOUT
    + 1  # the Wagtail site of the request, to build the book sections' addresses
    + CITATION
)
FIGURES = (
    1  # every live key figure, with its area, initiative and book chapter, in area order
    + LAYOUT
    + 1  # the Wagtail site of the request, to build the book sections' addresses
)

PAGES = [
    ("/en/initiatives/", LISTING),
    ("/en/initiatives/?page=2&sort=title", LISTING),
    ("/es/initiatives/?country=no&year_from=2020&year_to=2010", LISTING),  # refused: no filter, same queries
    (
        "/en/initiatives/?area=political&status=achieved&country=no&organization=united-nations"
        "&year_from=2000&year_to=2022&q=corruption&sort=-year&page=1",
        FILTERED_LISTING,
    ),
    ("/en/initiatives/strategic-partnerships/", DETAIL),
    ("/en/diplomacy/political/", AREA),
    ("/en/figures/", FIGURES),
]


def add_many_records():
    """500 more initiatives, 60 more partners and 200 more figures, most of them on the pages measured."""
    areas = list(Area.objects.order_by("order"))
    political = Area.objects.get(slug="political")
    chapter_3 = chapter(3)
    partners = Partner.objects.bulk_create(
        Partner(slug=f"bulk-partner-{n}", name=f"Bulk partner {n}", kind="organization", live=True) for n in range(60)
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            slug=f"bulk-initiative-{n}",
            title=f"Bulk initiative {n} against corruption",
            area=political if n % 2 else areas[n % len(areas)],
            status="achieved",
            description="Generated.",
            start_year=2000 + n % 22,
            chapter=chapter_3,
            section_anchor="anti-corruption",
            book_order=1000 + n,
            live=True,
        )
        for n in range(500)
    )
    target = Initiative.objects.get(slug="strategic-partnerships")
    united_nations = Partner.objects.get(slug="united-nations")
    norway = Partner.objects.get(code="NO")
    agreements = list(Agreement.objects.live()[:10])

    partner_rows = Initiative.partners.through
    partner_rows.objects.bulk_create(
        [
            partner_rows(initiative=i, partner=p)
            for i in initiatives
            for p in (partners[i.pk % 60], united_nations, norway)
        ]
        + [partner_rows(initiative=target, partner=p) for p in partners]
    )
    area_rows = Initiative.secondary_areas.through
    area_rows.objects.bulk_create(
        [area_rows(initiative=i, area=areas[(i.pk + 1) % len(areas)]) for i in initiatives]
        + [area_rows(initiative=target, area=area) for area in areas if area != target.area]
    )
    agreement_rows = Initiative.agreements.through
    agreement_rows.objects.bulk_create(
        [agreement_rows(initiative=i, agreement=a) for i in initiatives[:50] for a in agreements[:2]]
        + [agreement_rows(initiative=target, agreement=a) for a in agreements]
    )
    KeyFigure.objects.bulk_create(
        KeyFigure(
            slug=f"bulk-figure-{n}",
            label=f"Bulk figure {n}",
            value=n * 1_000_000,
            area=political if n % 2 else areas[n % len(areas)],
            initiative=target if n % 3 == 0 else initiatives[n],
            chapter=chapter_3 if n % 2 else None,
            section_anchor="anti-corruption" if n % 2 else "",
            source_text="Generated.",
            book_order=1000 + n,
            live=True,
        )
        for n in range(200)
    )


@pytest.mark.parametrize("size", ["book", "book and 500 more"])
@pytest.mark.parametrize(("url", "expected"), PAGES)
def test_queries_per_page_are_fixed(client, django_assert_num_queries, size, url, expected):
    if size != "book":
        add_many_records()
    client.get(url)  # Wagtail caches the site's root paths after the first request: measure a warm page.
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


def test_the_large_data_set_is_really_on_the_pages(client):
    add_many_records()
    listing = client.get("/en/initiatives/").content.decode()
    assert "573 results" in listing
    assert "Bulk partner" in client.get("/en/initiatives/?q=bulk").content.decode()
    detail = client.get("/en/initiatives/strategic-partnerships/").content.decode()
    assert detail.count('class="figure-card"') == 67 + 1 and "Bulk partner 59" in detail
    area = client.get("/en/diplomacy/political/").content.decode()
    assert "Bulk initiative 499" in area and 'id="bulk-figure-199"' in area
    figures = client.get("/en/figures/").content.decode()
    assert figures.count('class="figure-card"') == 236


def test_unpublished_records_do_not_add_queries(client, django_assert_num_queries):
    add_many_records()
    Initiative.objects.filter(slug__startswith="bulk-initiative-").update(live=False)
    Partner.objects.filter(slug__startswith="bulk-partner-").update(live=False)
    for url, expected in PAGES:
        client.get(url)
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
