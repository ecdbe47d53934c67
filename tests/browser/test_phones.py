"""The portal on a phone: no page scrolls sideways at 360 px, in either language; the menu opens
without JavaScript; links in lists are big enough to tap; a chapter's contents fold and mark the
section being read; a printed chapter says where it comes from. The pages are served by the demo's
settings (portal.settings.demo: DEBUG off, as in production), on the browser tests' database, so a
missing page shows the designed 404 page."""

import os
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serving
from tests.browser.test_accessibility import BLOCKING, RUN_AXE
from tests.production.support import free_port

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LANGUAGES = ("en", "es")
MISSING = "no-such-page-here/"
# The smallest tap target on phones (WCAG 2.2, 2.5.8), in CSS pixels.
TAP = 24


def public_paths(data):
    """Every public template, once, as an address under a language prefix. A new page type adds its
    address here."""
    return [
        "",
        "chapter-1/",
        "chapter-2/",
        "chapter-3/",
        "authors/",
        "agreements/",
        "agreements/peru-india-fta/",
        "agreements/timeline/",
        "partnerships/",
        "partners/",
        f"partners/{data['partner']}/",
        "initiatives/",
        f"initiatives/{data['initiative']}/",
        "diplomacy/",
        "diplomacy/health/",
        "figures/",
        "search/?q=trade",
        "data/",
        "changes/",
        MISSING,
    ]


# The elements whose right edge passes the window's, deepest first: what pushes the page sideways.
OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  const found = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width && box.right > limit + 0.5 && !element.querySelector("*:not(br)")) {
      const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
        + (element.className && typeof element.className === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : "");
      found.push(`${name} (right edge ${Math.round(box.right)} px): ${element.textContent.trim().slice(0, 80)}`);
    }
  }
  return found.slice(0, 5);
}"""


@pytest.fixture(scope="module")
def demo_server(portal_server):
    """The portal under portal.settings.demo, on the browser tests' database."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.demo",
        "DATABASE_URL": f"sqlite:///{portal_server.log.parent / 'portal.sqlite3'}",
        "DEMO_HOST": "127.0.0.1",
        "DEMO_PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    }
    with serving(env, port, portal_server.log.parent / "demo.log") as url:
        yield url


@pytest.fixture
def phone(new_page, demo_server):
    """phone(javascript=True, bypass_csp=False) -> a page 360 px wide on the demo server (``bypass_csp``
    lets a test inject axe-core)."""

    def make(javascript=True, bypass_csp=False):
        return new_page(bypass_csp=bypass_csp, viewport=PHONE, javascript=javascript, base_url=demo_server)

    return make


def test_no_page_scrolls_sideways_on_a_phone_in_either_language(phone, portal_server):
    page = phone()
    failures = []
    for language in LANGUAGES:
        for path in public_paths(portal_server.data):
            address = f"/{language}/{path}"
            response = page.goto(address)
            expected = 404 if path == MISSING else 200
            if response.status != expected:
                failures.append(f"{address}: status {response.status}, not {expected}")
                continue
            widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if widths[0] > widths[1]:
                culprits = page.evaluate(OVERFLOWING)
                failures.append(f"{address}: {widths[0]} px wide in a {widths[1]} px window; " + "; ".join(culprits))
    assert not failures, "\n".join(failures)


def test_a_missing_page_is_the_designed_404_page_with_the_stylesheet(phone, demo_server):
    page = phone()
    response = page.goto(f"/es/{MISSING}")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Página no encontrada"
    assert "Using the URLconf" not in page.content(), "Django's debug page lists every address"
    stylesheet = page.locator("link[rel=stylesheet]").get_attribute("href")
    with urllib.request.urlopen(demo_server + stylesheet, timeout=10) as css:
        assert css.status == 200
        assert css.headers["Content-Type"].startswith("text/css")
        assert b".site-menu" in css.read()
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{demo_server}/en/{MISSING}", timeout=10)
    assert missing.value.code == 404


def test_the_menu_opens_without_javascript_and_leads_to_a_page(phone):
    page = phone(javascript=False)
    page.goto("/en/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] < 100, "the header is one line: the name and the menu button"
    menu = page.locator(".site-menu__button")
    agreements = page.locator(".site-nav a[href='/en/agreements/']")
    assert menu.is_visible()
    assert not agreements.is_visible()
    assert not page.locator("#site-search-q").is_visible()
    assert menu.inner_text().strip() == "Menu"
    assert page.locator(".site-menu").get_attribute("open") is None

    menu.focus()
    page.keyboard.press("Enter")
    assert page.locator(".site-menu").get_attribute("open") is not None
    assert agreements.is_visible()
    assert page.locator("#site-search-q").is_visible(), "the search is in the menu"
    assert page.locator(".lang-switch a[hreflang=es]").is_visible()
    agreements.click()
    page.wait_for_url("**/en/agreements/")
    assert page.locator("h1").first.is_visible()


def test_the_menu_is_laid_out_on_wide_screens(new_page):
    page = new_page()
    page.goto("/en/")
    assert not page.locator(".site-menu__button").is_visible()
    assert page.locator(".site-nav a[href='/en/agreements/']").is_visible()
    assert page.locator("#site-search-q").is_visible()
    assert page.locator(".site-title").inner_text() == "Peruvian foreign policy in the 21st century"
    assert page.title().endswith(" · Peruvian foreign policy in the 21st century")


def test_the_open_menu_and_contents_have_no_serious_accessibility_violation(phone, axe_source):
    page = phone(bypass_csp=True)
    page.goto("/es/chapter-3/")
    page.locator(".site-menu__button").click()
    page.locator(".toc__button").click()
    page.add_script_tag(content=axe_source)
    found = page.evaluate(RUN_AXE)
    serious = [f"{v['impact']}: {v['id']} at {', '.join(v['nodes'])}" for v in found if v["impact"] in BLOCKING]
    assert not serious, "\n".join(serious)


def too_small(locator):
    small = []
    for index in range(locator.count()):
        box = locator.nth(index).bounding_box()
        if box and (box["width"] < TAP or box["height"] < TAP):
            small.append(f"{locator.nth(index).inner_text()!r} {box['width']:.0f}×{box['height']:.0f}")
    return small


def test_links_in_lists_are_big_enough_to_tap(phone):
    page = phone()
    page.goto("/en/chapter-3/")
    page.locator(".toc__button").click()
    page.locator(".site-menu__button").click()
    for selector in (".toc a", ".site-footer a", ".lang-switch a", ".site-nav a", ".cite__downloads a"):
        links = page.locator(selector).filter(visible=True)
        assert links.count(), selector
        assert not too_small(links), f"{selector}: {too_small(links)}"


def test_a_long_chapter_folds_its_contents_and_marks_the_section_being_read(phone):
    page = phone()
    page.goto("/en/chapter-3/")
    contents = page.locator(".toc__details > ol")
    assert not contents.is_visible(), "folded on a phone"
    page.locator(".toc__button").click()
    assert contents.is_visible()

    link = page.locator(".toc a[href='#health-diplomacy']")
    link.click()
    page.wait_for_url("**#health-diplomacy")
    marked = page.locator(".toc a[aria-current='location']")
    marked.wait_for(state="attached")
    assert marked.count() == 1
    assert marked.get_attribute("href") in ("#health-diplomacy", *subsections_of(page, "health-diplomacy"))

    page.evaluate("window.scrollTo(0, 0)")
    # A locator assertion polls without eval(), which the portal's CSP forbids (wait_for_function needs it).
    expect(marked).to_have_count(0)


def subsections_of(page, anchor):
    return page.evaluate(
        "(anchor) => [...document.querySelectorAll(`#${anchor} [id]`)].map((element) => '#' + element.id)", anchor
    )


def test_a_long_chapter_is_read_without_javascript(phone):
    page = phone(javascript=False)
    page.goto("/en/chapter-3/")
    page.locator(".toc__button").click()
    page.locator(".toc a[href='#health-diplomacy']").click()
    page.wait_for_url("**#health-diplomacy")
    assert page.locator("#health-diplomacy").is_visible()


def test_a_printed_chapter_says_where_it_comes_from(new_page, portal_server):
    page = new_page()
    page.goto("/en/")
    book_title = page.locator("#book-title").inner_text()
    isbn = page.locator(".facts dt:text-is('ISBN') + dd").inner_text()
    page.goto("/en/chapter-2/")
    source = page.locator(".print-source")
    assert not source.is_visible(), "on screen the header and the home page say it"
    page.emulate_media(media="print")
    assert source.is_visible()
    text = source.inner_text()
    assert book_title in text
    assert "Fabián Novak" in text and "Sandra Namihás" in text
    assert f"ISBN {isbn}" in text
    assert f"{portal_server.url}/en/chapter-2/" in text
    assert page.locator(".cite .cite__text").first.is_visible(), "the citation is printed"
    for hidden in (".site-nav", ".site-header", ".lang-switch", "#site-search-q", ".site-footer", ".toc", ".pager"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("button:visible").count() == 0
