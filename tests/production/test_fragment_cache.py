"""The fragment cache: parts of pages kept between requests under the content version, so that pages
the page cache does not hold (other filters, other page numbers) are cheaper; dropped by any
publication; never used for previews."""

import re

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

import pytest

from agreements.models import Agreement
from portal.caching import version as caching
from tests.factories import chapter

pytestmark = pytest.mark.django_db

FRAGMENTS = {**settings.PORTAL_PAGE_CACHE, "SECONDS": 0, "FRAGMENT_SECONDS": 60}
RENDER_ALL = {**FRAGMENTS, "FRAGMENT_SECONDS": 0}


@pytest.fixture
def fragments():
    caches["default"].clear()
    caching._MEMO.clear()
    with override_settings(PORTAL_PAGE_CACHE=FRAGMENTS):
        yield Client()
    caches["default"].clear()
    caching._MEMO.clear()


def page_and_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content, len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/chapter-3/",
        "/en/agreements/?status=in_force",
        "/en/agreements/?year_from=abc&country=Japan&status=bogus",
        "/en/partnerships/",
        "/en/partnerships/?kind=strategic_partnership&year_from=2000",
        "/en/initiatives/?area=economic&page=2",
        "/en/figures/",
        "/en/agreements/peru-japan-epa/",
        "/es/chapter-3/",
        "/en/search/?q=trade",
        "/es/search/?q=comision",
        "/en/partners/",
        "/es/partners/",
        "/en/partners/?sort=initiatives",
        "/en/diplomacy/",
        "/es/diplomacy/",
        "/en/data/",
        "/es/changes/",
    ],
)
def test_a_page_built_from_fragments_is_the_page_rendered_in_full(fragments, url):
    with override_settings(PORTAL_PAGE_CACHE=RENDER_ALL):
        rendered, all_queries = page_and_queries(Client(), url)
    first, _ = page_and_queries(fragments, url)
    again, fewer = page_and_queries(fragments, url)
    assert first == again == rendered
    assert fewer < all_queries


def test_publishing_a_change_shows_at_once(fragments):
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    before = fragments.get("/en/agreements/peru-japan-epa/").content.decode()
    agreement.title = "A title changed by an editor"
    agreement.save_revision().publish()
    for url in ("/en/agreements/", "/en/agreements/peru-japan-epa/"):
        assert "A title changed by an editor" in fragments.get(url).content.decode(), url
    assert before != fragments.get("/en/agreements/peru-japan-epa/").content.decode()


def test_publishing_a_chapter_updates_the_header_of_every_page_and_the_search(fragments):
    fragments.get("/en/agreements/")
    fragments.get("/en/search/", {"q": "trade"})
    page = chapter(2)
    page.title = "A chapter renamed"
    page.number = "II-bis"
    page.save_revision().publish()
    assert "Chapter II-bis" in fragments.get("/en/agreements/").content.decode()
    heading = page.anchors[0][1]
    found = fragments.get("/en/search/", {"q": heading, "type": "sections"}).content.decode()
    assert "II-bis. A chapter renamed" in found


def test_unknown_hosts_are_still_refused(fragments):
    assert fragments.get("/en/", HTTP_HOST="elsewhere.example").status_code == 400


def test_languages_are_kept_apart(fragments):
    english = fragments.get("/en/figures/").content.decode()
    spanish = fragments.get("/es/figures/").content.decode()
    assert "The book in numbers" in english and "The book in numbers" not in spanish


def test_previews_are_never_served_from_the_cache(fragments):
    template = Template("{% load portal_cache %}{% fragmentcache test %}{{ text }}{% endfragmentcache %}")
    request = RequestFactory().get("/")
    assert template.render(Context({"request": request, "text": "published"})) == "published"
    assert template.render(Context({"request": request, "text": "changed"})) == "published"
    request.is_preview = True
    assert template.render(Context({"request": request, "text": "a draft"})) == "a draft"


def test_a_flushed_cache_starts_a_new_version(fragments):
    version = caching.content_version()
    caches["default"].clear()
    assert caching.content_version() not in (version, "0")


# What a page still reads once its fragments are cached: only what sits outside them. A view or a
# template that reads its records eagerly, outside the fragment, adds queries here.
WARM_QUERIES = {
    # Wagtail's routing: site, locale, the page, its aliases, view restrictions.
    "/en/": 5,
    # Wagtail's routing down to a chapter (the site, the locale, three page lookups, aliases, view
    # restrictions): the chapter's text and its records are cached.
    "/en/chapter-3/": 7,
    # The agreement itself: its parties, related agreements, initiatives and history are cached.
    "/en/agreements/peru-japan-epa/": 1,
    # Nothing: the whole content is one fragment.
    "/en/figures/": 0,
    # Nothing: the results are one fragment keyed by the filters applied and the page (the filter
    # form's choices are kept in the process).
    "/en/agreements/?status=in_force&page=2": 0,
    "/en/agreements/?status=in_force&utm_source=newsletter&page=2": 0,
    "/en/initiatives/?area=economic&country=jp&page=2": 0,
    # Nothing: the book's passages, the results and the chart are fragments keyed by the filters.
    "/en/partnerships/?kind=strategic_partnership": 0,
    "/es/search/?q=comision": 0,
}


@pytest.mark.parametrize("url", WARM_QUERIES)
def test_a_page_whose_fragments_are_cached_reads_only_what_lies_outside_them(fragments, url):
    page_and_queries(fragments, url)
    _page, queries = page_and_queries(fragments, url)
    assert queries == WARM_QUERIES[url]


def test_the_filter_form_shows_back_what_each_visitor_sent(fragments):
    """The form is cached by the values sent for its fields: a refused value comes back with its error,
    and another value is never answered with the first one's form."""
    first, _queries = page_and_queries(fragments, "/en/agreements/?year_from=abc")
    second, _queries = page_and_queries(fragments, "/en/agreements/?year_from=abd")
    assert b'value="abc"' in first and b'value="abd"' not in first
    assert b'value="abd"' in second and b'value="abc"' not in second
    assert b"These filters were not applied" in second
    plain, _queries = page_and_queries(fragments, "/en/agreements/")
    assert b"These filters were not applied" not in plain


def test_listing_variants_share_their_results_and_link_to_the_canonical_query(fragments):
    plain, _queries = page_and_queries(fragments, "/en/initiatives/?sort=title&page=2")
    # An unknown parameter, another order: the same results, read from the cache, same links.
    variant, queries = page_and_queries(fragments, "/en/initiatives/?page=2&sort=title&junk=1")
    assert queries == 0

    def pagination(html):
        return re.search(rb'<nav class="pagination".*?</nav>', html, re.S).group(0)

    assert pagination(plain) == pagination(variant)
    assert b'href="?sort=title&amp;page=1"' in pagination(variant) and b"junk" not in pagination(variant)
