"""The citation costs a fixed number of queries: on the book's records and with 200 more made as editors
would; the template tag itself reads nothing but the book's authors, once."""

from django.template import Context, Template
from django.test import RequestFactory

import pytest

from agreements.models import Agreement, Partner
from diplomacy.models import Area
from portal.book.structure import Book
from tests.factories import make_agreement, make_initiative

pytestmark = pytest.mark.django_db

# The page's own queries (tests/agreements/test_queries.py, tests/diplomacy/test_queries.py,
# tests/portal/test_queries.py) with the citation's one: the book's authors (named in a record's note,
# the authors of the book and its chapters), which the home page reads anyway.
PAGES = [
    ("/en/agreements/peru-japan-epa/", 12),
    # Spanish: the book section's link also reads the Spanish pages (two queries).
    ("/es/agreements/peru-japan-epa/", 14),
    ("/en/partners/japan/", 13),
    ("/en/initiatives/career-vice-minister/", 11),
    ("/en/diplomacy/health/", 10),
    ("/en/", 10),
    ("/en/chapter-3/", 21),
]


def add_200_records():
    japan, health = Partner.objects.get(slug="japan"), Area.objects.get(slug="health")
    for n in range(100):
        make_agreement(parties=[japan], slug=f"cited-agreement-{n}", title=f"Cited agreement {n}")
        make_initiative(area=health, partners=[japan], slug=f"cited-initiative-{n}", title=f"Cited initiative {n}")


def measure(client, django_assert_max_num_queries, url, most):
    client.get(url)  # Wagtail keeps the site's root paths after the first request
    with django_assert_max_num_queries(most):
        response = client.get(url)
    assert response.status_code == 200
    assert 'class="cite"' in response.content.decode()
    return response


def test_record_pages_with_their_citation_at_two_sizes(client, django_assert_max_num_queries):
    small = {url: measure(client, django_assert_max_num_queries, url, most) for url, most in PAGES}
    add_200_records()
    assert Agreement.objects.live().filter(slug__startswith="cited-").count() == 100
    large = {url: measure(client, django_assert_max_num_queries, url, most) for url, most in PAGES}
    # The generated records are on the partner's and the area's pages.
    for url in ("/en/partners/japan/", "/en/diplomacy/health/"):
        assert len(large[url].content) > len(small[url].content)


def test_the_template_tag_reads_only_the_book_s_authors_once(django_assert_num_queries):
    request = RequestFactory().get("/en/agreements/peru-japan-epa/")
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    book = Book()
    template = Template("{% load portal_citations %}{% citation obj as cite %}{{ cite.apa.html }}")
    with django_assert_num_queries(1):
        first = template.render(Context({"request": request, "book": book, "obj": agreement}))
    with django_assert_num_queries(0):
        second = template.render(Context({"request": request, "book": book, "obj": agreement}))
    assert first == second and "Economic Partnership Agreement between Peru and Japan" in first
