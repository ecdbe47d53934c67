"""The public pages: initiatives listing and detail, area pages, the book in numbers, previews."""

import re

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

import pytest

from diplomacy.models import Area, Initiative, KeyFigure
from tests.factories import make_figure, make_initiative

pytestmark = pytest.mark.django_db


def html(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, url
    return response.content.decode()


def result_slugs(page):
    return re.findall(r'<h3><a href="/en/initiatives/([\w-]+)/"', page)


# Addresses ---------------------------------------------------------------------------------------


def test_public_addresses():
    assert reverse("initiative_list") == "/en/initiatives/"
    assert reverse("initiative_detail", kwargs={"slug": "cop20"}) == "/en/initiatives/cop20/"
    assert reverse("area_detail", kwargs={"area": "health"}) == "/en/diplomacy/health/"
    assert reverse("figures") == "/en/figures/"
    assert KeyFigure.objects.get(slug="coers").get_absolute_url() == "/en/figures/#coers"


# Listing -----------------------------------------------------------------------------------------


def test_listing_shows_each_result_with_area_when_status_and_partners(client):
    page = html(client, "/en/initiatives/", {"organization": "oas"})
    assert result_slugs(page) == ["inter-american-democratic-charter"]
    assert "Inter-American Democratic Charter" in page
    assert "Political diplomacy" in page
    assert 'class="status status--achieved">Achieved<' in page
    assert '<abbr title="Organization of American States">OAS</abbr>' in page
    assert 'role="status"' in page and "1 result<" in page


def test_listing_shows_when_with_the_books_precision(client):
    page = html(client, "/en/initiatives/", {"q": "UNGASS"})
    assert "June 6, 2021" in page
    page = html(client, "/en/initiatives/", {"q": "Decentralized offices"})
    assert "At the turn of the century" in page  # no date: the book's words instead


def test_listing_has_one_h1_and_labels_on_every_field(client):
    page = html(client, "/en/initiatives/")
    assert page.count("<h1") == 1
    for name in ["area", "status", "country", "organization", "year_from", "year_to", "q", "sort"]:
        assert f'<label for="id_{name}">' in page
        assert f'name="{name}"' in page
    # No program: the only script element is the page's schema.org data, which browsers never run.
    assert page.count("<script") == page.count('<script type="application/ld+json">')


def test_listing_is_paginated_by_fifty_and_keeps_filters_in_page_links(client):
    page = html(client, "/en/initiatives/", {"sort": "-year"})
    assert "73 results" in page
    assert len(result_slugs(page)) == 50
    assert '<a href="?sort=-year&amp;page=1" aria-current="page" aria-label="Page 1">1</a>' in page
    assert '<a href="?sort=-year&amp;page=2" aria-label="Page 2">2</a>' in page
    assert '<a rel="next" href="?sort=-year&amp;page=2">Next</a>' in page
    assert '<a href="?sort=-year&amp;page=2">Last</a>' in page
    assert "Previous" not in page[page.index('class="pagination"') :]
    second = html(client, "/en/initiatives/", {"sort": "-year", "page": 2})
    assert len(result_slugs(second)) == 23
    assert not set(result_slugs(page)) & set(result_slugs(second))
    assert '<a href="?sort=-year&amp;page=1">First</a>' in second
    assert '<a rel="prev" href="?sort=-year&amp;page=1">Previous</a>' in second
    # A filtered listing that fits on one page has no page links.
    assert 'class="pagination"' not in html(client, "/en/initiatives/", {"area": "political"})


def test_unfiltered_listing_is_indexable_with_a_canonical_link(client):
    page = html(client, "/en/initiatives/")
    assert "noindex" not in page
    assert '<link rel="canonical" href="http://testserver/en/initiatives/">' in page


def test_the_listings_second_page_is_indexed_as_itself(client):
    page = html(client, "/en/initiatives/", {"page": "2"})
    assert "noindex" not in page
    assert '<link rel="canonical" href="http://testserver/en/initiatives/?page=2">' in page


@pytest.mark.parametrize(
    "params", [{"area": "health"}, {"area": "health", "page": "2"}, {"sort": "title"}, {"q": "lima"}]
)
def test_filtered_and_sorted_variants_are_not_indexed(client, params):
    page = html(client, "/en/initiatives/", params)
    assert '<meta name="robots" content="noindex, follow">' in page
    assert '<link rel="canonical" href="http://testserver/en/initiatives/">' in page


def test_active_filters_each_have_a_link_that_removes_them(client):
    page = html(client, "/en/initiatives/", {"area": "health", "status": "achieved", "page": "1"})
    assert "Area of diplomacy: Health diplomacy" in page
    assert "Status: Achieved" in page
    assert 'href="?status=achieved"' in page
    assert 'href="?area=health"' in page
    assert "Clear all filters" in page


def test_empty_state(client):
    page = html(client, "/en/initiatives/", {"q": "xylophone"})
    assert "0 results" in page
    assert 'class="empty"' in page
    assert "No initiative matches these filters." in page
    assert '<ol class="results">' not in page


@pytest.mark.parametrize(
    "query",
    [
        "area=atlantis",
        "area=Health%20Diplomacy!",
        "area=" + "a" * 5000,
        "status=abandoned",
        "status=",
        "organization=no-such-bloc",
        "organization=norway",
        "organization=%F0%9F%98%80",
        "year_from=abc",
        "year_from=99999999999999999999999999",
        "year_from=-2000",
        "year_to=0",
        "year_from=2021&year_to=2001",
        "year_from=2000&year_from=2010&year_to=2005&year_to=2030",
        "area=health&area=political&status=ongoing&status=bogus",
        "country=PER",
        "country=1",
        "country=%C3%91%C3%91",
        "page=abc",
        "page=-1",
        "page=0",
        "page=99999999999999999999",
        "page=2.5",
        "q=" + "lima+" * 1000,
        "q=%00",
        "area=%00&status=%00&country=%00&organization=%00&year_from=%00&year_to=%00&sort=%00&page=%00",
        "sort=popularity",
        "sort=-title",
        "unknown=1",
    ],
)
def test_malformed_parameters_never_fail(client, query):
    response = client.get(f"/en/initiatives/?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="status"' in page
    assert "\x00" not in page  # not allowed in HTML, even when a field shows back what was sent


def test_invalid_values_are_named_beside_their_field_and_no_filter_is_applied(client):
    page = html(client, "/en/initiatives/", {"year_from": "abc", "country": "PER", "area": "health"})
    assert page.count('class="errorlist"') == 2
    assert "“abc” is not a year: type a year such as 2015." in page
    assert "“PER” is not a country code: choose a country from the list." in page
    assert 'name="year_from" value="abc"' in page
    assert '<div class="filters-notice" role="alert">' in page and "The filters were not applied." in page
    assert "73 results" in page
    assert '<ul class="active-filters">' not in page
    assert 'href="/en/initiatives/export.csv"' in page and 'href="/en/initiatives/feed/"' in page


def test_a_country_is_chosen_by_name_in_either_language(client):
    page = html(client, "/en/initiatives/", {"country": "NO"})
    assert result_slugs(page) == ["uncac-working-group-norway"]
    assert '<option value="NO" selected>Norway</option>' in page
    assert "Country: Norway" in page
    page = html(client, "/es/initiatives/", {"country": "no"})
    assert '<option value="NO" selected>Noruega</option>' in page
    assert '<optgroup label="Europa">' in page


def test_the_two_listings_forms_share_their_fields_order_and_labels(client):
    def fields(url):
        page = html(client, url)
        start = page.index('<form class="filters"')
        form = page[start : page.index("</form>", start)]
        return re.findall(r'<label for="id_(\w+)">([^<]+)</label>', form)

    shared = ["q", "status", "country", "year_from", "year_to", "sort"]
    agreements = [field for field in fields("/en/agreements/") if field[0] in shared]
    initiatives = [field for field in fields("/en/initiatives/") if field[0] in shared]
    assert agreements == initiatives
    assert [name for name, _label in agreements] == shared
    assert [label for _name, label in agreements] == ["Words", "Status", "Country", "From year", "To year", "Sort by"]


def test_the_count_the_files_and_the_feed_come_before_the_results(client):
    page = html(client, "/en/initiatives/", {"area": "health"})
    results = page.index('<ol class="results"')
    for part in [
        'class="result-count"',
        'href="/en/initiatives/export.csv?area=health"',
        'href="/en/initiatives/feed/?area=health"',
    ]:
        assert page.index(part) < results, part


# Detail ------------------------------------------------------------------------------------------


def test_detail_shows_the_record_and_its_links(client):
    page = html(client, "/en/initiatives/pacific-alliance-proposal/")
    assert page.count("<h1") == 1
    assert "Proposal to create the Pacific Alliance" in page
    assert 'lang="es">Propuesta de creación de la Alianza del Pacífico<' in page
    assert '<a href="/en/diplomacy/political/">Political diplomacy</a>' in page
    assert '<a href="/en/diplomacy/economic/">Economic diplomacy</a>' in page  # secondary area
    assert "October 14, 2010–April 28, 2011" in page
    assert 'class="status status--achieved"' in page
    assert f'href="{reverse("partner_detail", kwargs={"slug": "pacific-alliance"})}"' in page
    assert f'href="{reverse("partner_detail", kwargs={"slug": "chile"})}"' in page
    assert f'href="{reverse("agreement_detail", kwargs={"slug": "pacific-alliance-additional-protocol"})}"' in page
    assert "<blockquote" in page and "letters sent by President Alan García on October 14, 2010" in page
    assert 'href="/en/chapter-3/#integration-processes"' in page
    assert "III. Integration processes" in page
    assert "Ecuador and Panama received the letters" in page  # notes
    assert '<link rel="canonical" href="http://testserver/en/initiatives/pacific-alliance-proposal/">' in page
    assert "noindex" not in page


@pytest.mark.parametrize(
    ("slug", "when"),
    [
        ("lima-commitment", "April 2018"),
        ("ungass-2021", "June 6, 2021"),
        ("south-south-cooperation", "2010–2021"),
        ("cop20", "2014"),
    ],
)
def test_detail_gives_when_with_the_books_precision(client, slug, when):
    assert f"<dd>{when}" in html(client, f"/en/initiatives/{slug}/")


def test_detail_adds_the_books_wording_of_when_only_when_it_says_more(client):
    assert "since 2006" in html(client, "/en/initiatives/human-rights-council/")
    page = html(client, "/en/initiatives/lima-commitment/")
    assert "the book:" not in page
    assert "In this century" in html(client, "/en/initiatives/new-structure-and-functions/")  # undated


def test_detail_lists_its_key_figures(client):
    page = html(client, "/en/initiatives/covid-repatriation/")
    assert 'id="covid-repatriated"' in page
    assert "35,000" in page and "more than" in page
    assert "Initiative:" not in page  # no link from the initiative to itself


def test_detail_leaves_out_unpublished_partners_and_figures(client):
    initiative = Initiative.objects.get(slug="uncac-working-group-norway")
    initiative.partners.get(code="NO").unpublish()
    figure = make_figure(initiative=initiative, label="A hidden figure")
    figure.unpublish()
    page = html(client, "/en/initiatives/uncac-working-group-norway/")
    assert "/en/partners/norway/" not in page
    assert "A hidden figure" not in page
    assert "/en/partners/united-nations/" in page


def test_unknown_and_unpublished_initiatives_are_404(client):
    html(client, "/en/initiatives/no-such-thing/", status=404)
    Initiative.objects.get(slug="cop20").unpublish()
    html(client, "/en/initiatives/cop20/", status=404)


def test_detail_in_spanish(client):
    page = html(client, "/es/initiatives/lima-commitment/")
    assert "Compromiso de Lima" in page
    assert 'lang="en">Lima Commitment on Democratic Governance against Corruption<' in page
    assert "abril" in page.lower()
    assert '<a href="/es/diplomacy/political/">Diplomacia política</a>' in page


def test_drafts_stay_private_until_published(client):
    initiative = Initiative.objects.get(slug="cop20")
    old_title = initiative.title
    initiative.title = "A draft title"
    revision = initiative.save_revision()
    for url in ["/en/initiatives/cop20/", "/en/initiatives/?q=COP20", "/en/diplomacy/political/"]:
        page = html(client, url)
        assert old_title in page and "A draft title" not in page
    revision.publish()
    for url in ["/en/initiatives/cop20/", "/en/initiatives/?q=COP20", "/en/diplomacy/political/"]:
        assert "A draft title" in html(client, url)


def test_preview_context_uses_the_unsaved_record(rf):
    initiative = Initiative.objects.get(slug="oecd-accession")
    initiative.title = "Previewed title"
    request = rf.get("/admin/")
    context = initiative.get_preview_context(request, "")
    assert context["initiative"].title == "Previewed title"
    assert [area.slug for area in context["secondary_areas"]] == ["economic"]
    assert [partner.slug for partner in context["partners"]] == ["oecd"]
    page = render_to_string(initiative.get_preview_template(request, ""), context, request=request)
    assert "Previewed title" in page


def test_preview_of_a_new_record_without_a_slug(rf):
    initiative = Initiative(
        title="Brand new", area=Area.objects.get(slug="health"), status="proposed", description="New."
    )
    request = rf.get("/admin/")
    context = initiative.get_preview_context(request, "")
    assert context["figures"] == [] and "canonical_url" not in context
    assert "Brand new" in render_to_string("diplomacy/initiative_detail.html", context, request=request)


# Area pages --------------------------------------------------------------------------------------


def test_area_page(client):
    page = html(client, "/en/diplomacy/health/")
    assert page.count("<h1") == 1
    assert "<h1>Health diplomacy</h1>" in page
    assert "repatriating more than 35,000" in page  # the book's summary
    assert 'href="/en/chapter-3/#health-diplomacy"' in page
    found = result_slugs(page)
    assert set(found) == {
        "covid-stranded-peruvians",
        "covid-repatriation",
        "covid-foreigners-stranded-in-peru",
        "covid-sanitary-equipment",
        "covid-donations-and-cooperation",
        "covid-vaccine-procurement",
        "new-structure-and-functions",
    }
    assert found[0] == "covid-donations-and-cooperation"  # the only dated one: March 2020
    assert 'id="covid-repatriated"' in page and 'id="vaccination-coverage"' in page
    assert 'id="coers"' not in page
    assert 'href="/en/initiatives/?area=health"' in page


def test_area_pages_list_initiatives_in_time_order(client):
    found = result_slugs(html(client, "/en/diplomacy/social/"))
    assert found.index("social-diplomacy-objective") < found.index("apci") < found.index("south-south-cooperation")
    assert "agenda-2030" in found  # secondary area


@pytest.mark.parametrize(
    "slug",
    ["political", "economic", "digital", "science", "social", "disaster", "health", "migratory", "institutional"],
)
def test_every_area_has_a_page(client, slug):
    page = html(client, f"/en/diplomacy/{slug}/")
    assert Area.objects.get(slug=slug).name in page


def test_unknown_and_unpublished_areas_are_404(client):
    html(client, "/en/diplomacy/atlantis/", status=404)
    Area.objects.get(slug="science").unpublish()
    html(client, "/en/diplomacy/science/", status=404)


def test_area_preview_template(rf):
    area = Area.objects.get(slug="disaster")
    area.name = "Previewed area"
    request = rf.get("/admin/")
    page = render_to_string(
        area.get_preview_template(request, ""), area.get_preview_context(request, ""), request=request
    )
    assert "Previewed area" in page
    assert 'href="/en/chapter-3/#disaster-diplomacy"' in page


# The book in numbers -----------------------------------------------------------------------------


def test_figures_page_shows_the_books_numbers_formatted(client):
    page = html(client, "/en/figures/")
    assert page.count("<h1") == 1
    assert re.search(r"more than</span>\s*<span class=\"figure-value\">35,000</span>", page)
    assert "USD 89,790,324" in page
    assert "433,000,000" in page and "433 million" in page
    assert (
        "Tumbes, Piura, Lambayeque, La Libertad, Loreto, San Martín, Ucayali, Junín, Arequipa, Cusco, Puno, Tacna, Áncash and Huánuco"
        in page
    )
    assert "names only fourteen regions" in page  # notes
    assert '<span class="figure-value">450,000</span>' in page
    assert "First quarter of 2020" in page  # period
    assert re.search(r"about</span>\s*<span class=\"figure-value\">100</span>", page)


def test_every_live_figure_has_an_anchor_grouped_by_area_in_area_order(client):
    page = html(client, "/en/figures/")
    for figure in KeyFigure.objects.live():
        assert page.count(f'id="{figure.slug}"') == 1
    positions = [
        page.index(f'id="area-{slug}"') for slug in Area.objects.order_by("order").values_list("slug", flat=True)
    ]
    assert positions == sorted(positions)
    assert page.index('id="area-health"') < page.index('id="covid-repatriated"') < page.index('id="area-migratory"')


def test_figures_link_to_their_initiative_and_source_section(client):
    page = html(client, "/en/figures/")
    card = page[page.index('id="covid-repatriated"') :]
    card = card[: card.index("</article>")]
    assert 'href="/en/initiatives/covid-repatriation/"' in card
    assert 'href="/en/chapter-3/#covid-19"' in card


def test_unpublished_figures_are_left_out(client):
    KeyFigure.objects.get(slug="coers").unpublish()
    assert 'id="coers"' not in html(client, "/en/figures/")


def test_figures_page_in_spanish(client):
    page = html(client, "/es/figures/")
    assert "Peruanos repatriados durante la pandemia de COVID-19" in page
    assert "personas" in page


def test_figure_preview_template():
    figure = KeyFigure.objects.get(slug="covid-technical-cooperation")
    figure.label = "Previewed figure"
    request = RequestFactory().get("/admin/")
    page = render_to_string(
        figure.get_preview_template(request, ""), figure.get_preview_context(request, ""), request=request
    )
    assert "Previewed figure" in page and "USD 89,790,324" in page


def test_new_figure_without_initiative_or_section(client):
    make_figure(area=Area.objects.get(slug="health"), slug="plain-figure", label="A plain figure", value=1234567)
    page = html(client, "/en/figures/")
    card = page[page.index('id="plain-figure"') :]
    card = card[: card.index("</article>")]
    assert "1,234,567" in card and "million" not in card and "<ul" not in card


def test_navigation_marks_the_section(client):
    assert '<a href="/en/figures/" aria-current="page">' in html(client, "/en/figures/")
    assert '<a href="/en/initiatives/" aria-current="page">' in html(client, "/en/initiatives/cop20/")
    assert '<a href="/en/diplomacy/" aria-current="page">' in html(client, "/en/diplomacy/health/")


def test_breadcrumbs(client):
    page = html(client, "/en/initiatives/cop20/")
    crumbs = page[page.index('aria-label="Breadcrumb"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert '<a href="/en/">Home</a>' in crumbs
    # Under its area, a part of chapter III: the trail follows the book.
    assert '<a href="/en/chapter-3/">Chapter III</a>' in crumbs
    assert '<a href="/en/diplomacy/political/">Political diplomacy</a>' in crumbs
    assert 'aria-current="page">Host of the climate change conference COP20<' in crumbs


def test_new_initiative_appears_everywhere_it_belongs(client):
    initiative = make_initiative(
        area=Area.objects.get(slug="migratory"), title="A new consular programme", start_year=2022
    )
    assert "A new consular programme" in html(client, "/en/initiatives/", {"area": "migratory"})
    assert "A new consular programme" in html(client, "/en/diplomacy/migratory/")
    assert "A new consular programme" in html(client, initiative.get_absolute_url())
    with translation.override("es"):
        assert initiative.get_absolute_url() == f"/es/initiatives/{initiative.slug}/"


@pytest.mark.parametrize(
    "url",
    [
        "/en/initiatives/",
        "/en/initiatives/?q=xylophone",
        "/en/initiatives/pacific-alliance-proposal/",
        "/en/initiatives/covid-repatriation/",
        "/en/diplomacy/health/",
        "/en/figures/",
    ],
)
def test_one_h1_and_headings_in_order(client, url):
    page = html(client, url)
    main = page[page.index("<main") : page.index("</main>")]
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(following <= previous + 1 for previous, following in zip(levels, levels[1:], strict=False))
