"""The listings on a phone, without JavaScript: the filters fold behind a toggle that opens, a country
is chosen by its Spanish name, and the results follow; the results start near the top and their
links are big enough to tap. On a wide screen the filters are open without a click."""

import pytest

from tests.browser.conftest import VIEWPORT, only_local
from tests.browser.test_accessibility import blocking, describe, violations

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
# Header, breadcrumbs, title, introduction and the folded toggles come first.
FIRST_RESULT_WITHIN = 1100


@pytest.fixture
def open_without_javascript(new_page):
    def make(viewport):
        return new_page(viewport=viewport, javascript=False)

    return make


def top(locator):
    return locator.bounding_box()["y"]


def test_on_a_phone_the_filters_open_and_a_country_is_chosen_by_its_spanish_name(open_without_javascript):
    page = open_without_javascript(PHONE)
    page.goto("/es/agreements/")
    assert page.locator("ol.results > li").count() == 29  # the book's agreements, on one page

    country = page.locator("#id_country")
    assert not country.is_visible()  # folded
    assert page.get_by_role("link", name="Saltar a los resultados").is_visible()
    count = page.locator(".result-count")
    assert count.is_visible() and top(count) < FIRST_RESULT_WITHIN
    assert top(page.locator("ol.results > li").first) < FIRST_RESULT_WITHIN
    assert not page.locator(".data-note p").first.is_visible()  # "About this data" is folded too

    page.locator("#filters > summary").click()
    assert country.is_visible()
    country.select_option(label="Japón")
    page.get_by_role("button", name="Aplicar filtros").click()
    page.wait_for_url("**/es/agreements/?*country=JP*")

    results = page.locator("ol.results > li")
    assert results.count() == 3
    assert "3 resultados" in page.locator(".result-count").inner_text()
    assert page.locator("#filters > summary").inner_text().startswith("Filtrar")
    assert page.locator("#id_country option:checked").text_content() == "Japón"


def test_on_a_phone_the_links_above_the_results_are_big_enough_to_tap(open_without_javascript):
    page = open_without_javascript(PHONE)
    page.goto("/en/agreements/?status=negotiating")
    first_result = top(page.locator("ol.results > li").first)
    links = page.locator(".results-bar a")
    assert links.count() == 6  # CSV, JSON, Excel, the data page, the feed, the timeline
    for link in links.all():
        box = link.bounding_box()
        assert box["height"] >= 24, link.inner_text()
        assert box["y"] < first_result, link.inner_text()


def test_on_a_phone_a_refused_value_opens_the_filters_on_its_message(open_without_javascript):
    page = open_without_javascript(PHONE)
    page.goto("/en/initiatives/?year_from=abc")
    assert page.get_by_role("alert").first.inner_text().startswith("The filters were not applied.")
    assert page.locator("#id_year_from").is_visible()
    assert page.locator("#id_year_from").input_value() == "abc"
    assert page.get_by_text("“abc” is not a year: type a year such as 2015.").is_visible()


def test_on_a_wide_screen_the_filters_are_open_without_a_click(open_without_javascript):
    page = open_without_javascript(VIEWPORT)
    page.goto("/en/initiatives/")
    assert page.locator("#id_country").is_visible()
    assert not page.locator("#filters > summary").is_visible()
    page.locator("#id_country").select_option(label="Norway")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/initiatives/?*country=NO*")
    assert page.locator("ol.results > li").count() == 1


@pytest.mark.parametrize("url", ["/es/agreements/?year_from=abc&country=JP", "/en/initiatives/?sort=-year&page=2"])
def test_on_a_phone_the_listings_pass_the_accessibility_check(browser, portal_server, axe_source, url):
    context = browser.new_context(viewport=PHONE, base_url=portal_server.url, bypass_csp=True)
    context.route("**/*", only_local)
    try:
        page = context.new_page()
        page.goto(url)
        if not page.locator("#id_country").is_visible():  # a refused value has opened the filters already
            page.locator("#filters > summary").click()
        assert page.locator("#id_country").is_visible()
        found = blocking(violations(page, axe_source))
        assert not found, describe(found)
    finally:
        context.close()
