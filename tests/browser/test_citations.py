"""Cite this in the real browser: the copy button copies the citation under the site's CSP and says so;
without JavaScript the citation is plain text to select, the buttons stay hidden and a section's
citation still opens."""

import re

import pytest

from tests.browser.conftest import VIEWPORT, only_local

pytestmark = pytest.mark.browser


def test_the_copy_button_copies_the_citation_and_says_so(page, portal_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=portal_server.url)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto("/en/agreements/peru-japan-epa/")
    citation = " ".join(page.locator("#cite-apa").inner_text().split())
    page.get_by_role("button", name="Copy APA (7th edition)").click()
    status = page.get_by_role("status")
    status.filter(has_text="Copied to the clipboard.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == citation
    page.get_by_role("button", name="Copy Chicago (author-date)").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("Instituto de Estudios Internacionales")
    assert errors == []  # no script refused by the Content-Security-Policy


def test_without_javascript_the_citation_is_text_to_select(browser, portal_server):
    context = browser.new_context(viewport=VIEWPORT, base_url=portal_server.url, java_script_enabled=False)
    context.route("**/*", only_local)
    try:
        page = context.new_page()
        page.goto("/en/chapter-3/")
        assert page.locator(".cite__copy").count() == 2
        assert all(not button.is_visible() for button in page.locator(".cite__copy").all())
        assert page.locator("#cite-apa").inner_text().startswith("Novak, F., & Namihás, S. (2022).")
        section = page.locator("#health-diplomacy details.cite-section")
        section.locator("summary").click()
        link = section.get_by_role("link", name=re.compile("BibTeX"))
        assert link.is_visible()
        assert link.get_attribute("href") == "/en/chapter-3/cite.bib?section=health-diplomacy"
    finally:
        context.close()
