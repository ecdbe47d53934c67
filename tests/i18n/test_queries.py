"""Spanish pages cost the same few queries whatever the number of records, like the English ones."""

import pytest

from tests.portal.test_queries import _count, _grow

pytestmark = pytest.mark.django_db

PAGES = [
    "/es/",
    "/es/chapter-3/",
    "/es/authors/",
    "/es/figures/",
    "/es/diplomacy/health/",
    "/es/agreements/",
    "/es/search/?q=peru",
]


def test_spanish_pages_use_the_same_queries_at_two_data_sizes(client):
    before = {path: _count(client, path) for path in PAGES}
    _grow(500)
    after = {path: _count(client, path) for path in PAGES}
    assert after == before
    # Chapter III in Spanish: the English page's queries, plus Wagtail's routing looking for a Spanish
    # home page to start from. Which of the links have a translation, the header already knows.
    english = _count(client, "/en/chapter-3/")
    assert before["/es/chapter-3/"] == english + 1, (before, english)
