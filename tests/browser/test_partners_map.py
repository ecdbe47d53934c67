"""The map of Peru's partners in a real browser: a country on the map is a link to its page, the map
fits a phone, the table scrolls inside its own box, and the indexes pass axe."""

import pytest

from tests.browser.test_accessibility import blocking, describe, violations

pytestmark = pytest.mark.browser


def csp_reports(page):
    """The Content-Security-Policy violations Chromium reports on the console while the page loads."""
    found = []
    page.on(
        "console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None
    )
    return found


def test_a_visitor_clicks_a_country_on_the_map_and_lands_on_its_page(page):
    refused = csp_reports(page)
    page.goto("/en/partners/")
    india = page.locator(".partner-map__svg a[data-code='IN']")
    assert india.get_attribute("aria-label") == "India: Trade agreement under negotiation"
    india.click()  # the middle of the country's shapes
    page.wait_for_url("**/en/partners/india/")
    assert page.locator("h1").inner_text() == "India"
    assert not refused, refused


def test_a_country_on_the_map_is_reached_and_followed_with_the_keyboard(page):
    page.goto("/es/partners/")
    japan = page.locator(".partner-map__svg a[data-code='JP']")
    japan.focus()
    assert page.evaluate("document.activeElement.getAttribute('data-code')") == "JP"
    page.keyboard.press("Enter")
    page.wait_for_url("**/es/partners/japan/")
    assert page.locator("h1").inner_text() == "Japón"


def test_on_a_phone_the_map_fits_and_the_table_scrolls_in_its_box(new_page):
    page = new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/en/partners/?sort=in_force")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    width = page.locator(".partner-map__svg").bounding_box()["width"]
    assert 250 < width <= 360
    box = page.locator("#partners-table")
    assert box.evaluate("element => element.scrollWidth > element.clientWidth")
    assert page.locator("#partners-table caption").inner_text().startswith("70 countries")


@pytest.mark.parametrize("url", ["/en/partners/", "/es/partners/?sort=region", "/en/diplomacy/", "/es/diplomacy/"])
def test_the_indexes_have_no_serious_accessibility_violation(new_page, axe_source, url):
    page = new_page(bypass_csp=True)
    assert page.goto(url).status == 200
    found = blocking(violations(page, axe_source))
    assert not found, f"{url}\n{describe(found)}"
