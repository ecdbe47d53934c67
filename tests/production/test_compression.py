"""Public pages, feeds and data files are sent gzipped to anonymous visitors who accept it; nothing
that could carry a secret (the admin, a visitor with a session or CSRF cookie, a response setting a
cookie) is compressed. The page cache stores the compressed page once and sends it on every hit."""

import gzip

from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings

import pytest

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/es/chapter-3/",
        "/en/agreements/?status=in_force",
        "/en/agreements/feed/",
        "/sitemap.xml",
        "/en/data/datapackage.json",
    ],
)
def test_public_answers_are_compressed_for_anonymous_visitors(client, url):
    plain = client.get(url)
    compressed = client.get(url, **GZIP)
    assert plain.status_code == compressed.status_code == 200, url
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2


def test_a_streamed_export_is_compressed_as_it_streams(client):
    plain = client.get("/en/agreements/export.csv")
    compressed = client.get("/en/agreements/export.csv", **GZIP)
    assert compressed.streaming and compressed["Content-Encoding"] == "gzip"
    assert "Content-Length" not in compressed
    assert gzip.decompress(body(compressed)) == body(plain)


def test_nothing_that_may_carry_a_secret_is_compressed(make_member):
    for cookie in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
        visitor = Client()
        visitor.cookies[cookie] = "x"
        assert "Content-Encoding" not in visitor.get("/en/figures/", **GZIP), cookie
    editor = Client()
    editor.force_login(make_member("Moderators"))
    for url in ("/admin/", "/en/figures/"):
        response = editor.get(url, **GZIP)
        assert response.status_code == 200 and "Content-Encoding" not in response, url
    # The login form sets the CSRF cookie: its answer holds the token.
    login = Client().get("/admin/login/", **GZIP)
    assert login.cookies and "Content-Encoding" not in login
    # Binary files are already compressed.
    assert "Content-Encoding" not in Client().get("/en/agreements/export.xlsx", **GZIP)


@pytest.fixture
def page_cache():
    caches["default"].clear()
    with override_settings(PORTAL_PAGE_CACHE={**settings.PORTAL_PAGE_CACHE, "SECONDS": 60}):
        yield Client()
    caches["default"].clear()


def test_a_page_cache_hit_sends_the_page_compressed_once_stored(page_cache, django_assert_num_queries):
    miss = page_cache.get("/en/agreements/", **GZIP)
    assert miss["X-Page-Cache"] == "miss" and miss["Content-Encoding"] == "gzip"
    with django_assert_num_queries(0):
        hit = page_cache.get("/en/agreements/", **GZIP)
        plain_hit = page_cache.get("/en/agreements/")
    assert hit["X-Page-Cache"] == plain_hit["X-Page-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip" and int(hit["Content-Length"]) == len(hit.content)
    assert gzip.decompress(hit.content) == gzip.decompress(miss.content) == plain_hit.content
    assert "Content-Encoding" not in plain_hit and int(plain_hit["Content-Length"]) == len(plain_hit.content)
    assert "Accept-Encoding" in hit["Vary"] and "Accept-Encoding" in plain_hit["Vary"]
    # The same page twice: the stored bytes, not a new compression.
    assert page_cache.get("/en/agreements/", **GZIP).content == hit.content
