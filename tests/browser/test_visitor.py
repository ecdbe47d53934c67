"""A visitor finds agreements: home page, the listing, its filters, a detail page, the CSV export."""

import csv
import io

import pytest

pytestmark = pytest.mark.browser


def test_a_visitor_filters_the_agreements_follows_one_and_exports_the_csv(page):
    page.goto("/")
    assert page.url.endswith("/en/")
    assert page.locator("h1").first.inner_text()

    page.locator(".site-nav a[href='/en/agreements/']").click()
    page.wait_for_url("**/en/agreements/")
    everything = page.locator("ol.results > li").count()

    page.select_option("#id_status", "in_force")
    page.select_option("#id_country", "JP")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/agreements/?*")
    assert "status=in_force" in page.url and "country=JP" in page.url
    results = page.locator("ol.results > li")
    count = results.count()
    assert 0 < count < everything
    assert results.locator(".status--in_force").count() == count

    first = results.first.locator("h3 a")
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/en/agreements/*/")
    assert page.locator("h1").inner_text() == title
    assert "Japan" in page.locator("main").inner_text(), "Japan is a party, directly or through a bloc"

    page.go_back()
    page.wait_for_url("**country=JP**")
    export = page.locator("a[href*='/en/agreements/export.csv']")
    href = export.get_attribute("href")
    assert "status=in_force" in href and "country=JP" in href
    with page.expect_download() as download:
        export.click()
    content = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) - 1 == count
    assert any(title in row for row in rows[1:])
