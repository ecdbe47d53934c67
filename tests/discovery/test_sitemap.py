"""/sitemap.xml and robots.txt, read as crawlers read them."""

from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from agreements.models import Agreement
from portal.discovery.sitemaps import RecordSitemap
from tests.factories import bulk_agreements

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def all_urls(client):
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    found = {}
    for location in index.findall("s:sitemap/s:loc", NS):
        response = client.get(location.text.replace("http://testserver", ""))
        assert response.status_code == 200, location.text
        for url in ElementTree.fromstring(response.content).findall("s:url", NS):  # noqa: S314
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
            lastmod = url.find("s:lastmod", NS)
            found[url.find("s:loc", NS).text] = (alternates, lastmod.text if lastmod is not None else None)
    return found


def test_the_sitemap_lists_the_book_records_and_listings_in_both_languages(client):
    urls = all_urls(client)
    for path in [
        "/en/",
        "/es/",
        "/en/chapter-3/",
        "/es/chapter-3/",
        "/en/agreements/",
        "/es/initiatives/",
        "/en/agreements/peru-japan-epa/",
        "/es/partners/japan/",
        "/en/changes/",
        "/en/partners/",
        "/es/partners/",
        "/en/diplomacy/",
        "/es/diplomacy/",
    ]:
        assert f"http://testserver{path}" in urls, path
    agreements = Agreement.objects.filter(live=True).count()
    assert sum("/en/agreements/" in url and url.count("/") == 6 for url in urls) >= agreements


def test_each_address_names_its_alternates_and_when_it_last_changed(client):
    urls = all_urls(client)
    alternates, lastmod = urls["http://testserver/en/chapter-1/"]
    assert alternates["en"] == "http://testserver/en/chapter-1/"
    assert alternates["es"] == "http://testserver/es/chapter-1/"
    assert "x-default" in alternates
    assert lastmod and lastmod[:4].isdigit()
    alternates, lastmod = urls["http://testserver/es/agreements/peru-japan-epa/"]
    assert alternates["en"] == "http://testserver/en/agreements/peru-japan-epa/"
    assert lastmod


def test_a_draft_is_not_in_the_sitemap(client):
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    agreement.unpublish()
    assert "http://testserver/en/agreements/peru-japan-epa/" not in all_urls(client)


def test_robots_names_the_sitemap_and_lets_crawlers_read_listings_and_their_pages(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    robots = RobotFileParser()
    robots.parse(text.splitlines())
    for path in ["/en/agreements/", "/en/agreements/?page=2", "/es/initiatives/?page=3", "/sitemap.xml"]:
        assert robots.can_fetch("*", path), path
    assert not robots.can_fetch("*", "/admin/")


def test_filtered_listings_say_noindex_but_their_pages_do_not(client):
    assert 'content="noindex' in client.get("/en/agreements/?status=signed").content.decode()
    assert 'content="noindex' not in client.get("/en/agreements/?page=2").content.decode()


def test_many_records_are_split_over_files_the_index_names(client, monkeypatch):
    every = all_urls(client)
    monkeypatch.setattr(RecordSitemap, "limit", 10)
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    files = [location.text for location in index.findall("s:sitemap/s:loc", NS)]
    assert "http://testserver/sitemap-agreement.xml?p=2" in files
    assert len(ElementTree.fromstring(client.get("/sitemap-agreement.xml?p=2").content)) == 10  # noqa: S314
    # The same addresses, however they are split.
    assert all_urls(client) == every


@pytest.mark.parametrize("limit", [7, 10, 1000])
def test_each_file_holds_what_djangos_own_pagination_gives_without_reading_every_record(limit):
    """A file reads only its own slice of records (an odd limit splits a record's two languages over two
    files); the index's last change is one aggregate. Both as Django's own code would answer."""
    sitemap = RecordSitemap(Agreement)
    sitemap.limit = limit
    everything = Paginator(Sitemap._items(sitemap), limit)
    assert sitemap.paginator.num_pages == everything.num_pages
    for number in everything.page_range:
        assert list(sitemap.paginator.page(number).object_list) == list(everything.page(number).object_list)
    assert sitemap.get_latest_lastmod() == Sitemap.get_latest_lastmod(sitemap)


def test_a_sitemap_file_reads_only_its_own_records(client, monkeypatch):
    """A file of 10 addresses (5 agreements in two languages) reads 5 agreements, in queries that do not
    grow with their number: at 29 agreements as at 229."""
    monkeypatch.setattr(RecordSitemap, "limit", 10)
    read = []
    from_db = Agreement.from_db.__func__
    monkeypatch.setattr(Agreement, "from_db", classmethod(lambda cls, *args: read.append(1) or from_db(cls, *args)))

    def second_file():
        read.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/sitemap-agreement.xml?p=2")
        assert response.status_code == 200
        assert len(ElementTree.fromstring(response.content)) == 10  # noqa: S314 - our own response
        return len(queries), len(read)

    few = second_file()
    assert few[1] == 5
    bulk_agreements(200, parties=lambda n: [])
    assert second_file() == few
