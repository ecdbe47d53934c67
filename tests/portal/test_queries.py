"""The book's pages render in a fixed number of queries, however many records link into them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from agreements.models import Agreement
from diplomacy.models import Area, Initiative
from tests.factories import chapter

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/",
    "/en/chapter-1/",
    "/en/chapter-3/",
    "/en/authors/",
    "/en/search/?q=peru",
    "/en/search/?q=peru&type=initiatives",
]


def _grow(n):
    """n extra live agreements and initiatives, all linked to sections of chapter III."""
    chapter_three = chapter(3)
    area = Area.objects.get(slug="economic")
    Agreement.objects.bulk_create(
        Agreement(
            slug=f"extra-{i}",
            title=f"Extra agreement {i} Peru",
            kind="free_trade",
            status="in_force",
            description="Extra.",
            live=True,
            chapter=chapter_three,
            section_anchor="trade-agreements",
            book_order=1000 + i,
        )
        for i in range(n)
    )
    Initiative.objects.bulk_create(
        Initiative(
            slug=f"extra-{i}",
            title=f"Extra initiative {i} Peru",
            area=area,
            status="ongoing",
            description="Extra.",
            live=True,
            chapter=chapter_three,
            section_anchor="economic-diplomacy",
            book_order=1000 + i,
        )
        for i in range(n)
    )


def _count(client, path):
    client.get(path)  # Wagtail caches the site's root paths on the first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_book_pages_use_the_same_queries_at_two_data_sizes(client):
    before = {path: _count(client, path) for path in PAGES}
    _grow(500)
    after = {path: _count(client, path) for path in PAGES}
    assert after == before
    # Chapter III, the heaviest: site, locale, page routing (3), alias check, view restrictions, the
    # records linking to its sections (agreements, partnerships, initiatives, figures), the header's
    # home, chapters and authors pages, publishers, breadcrumbs' ancestors, the page's locale, and the
    # three agreement lists of the economic section; the book's authors, for its citation.
    assert max(before.values()) <= 21, before
