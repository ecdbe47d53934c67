"""Every public page runs a fixed number of queries, whatever the number of records, and every export
one per chunk of records: measured on the book's records, then again with 1,000 more agreements and
partnerships."""

import math

import pytest

from portal.data.columns import CHUNK_SIZE
from tests.data.reading import content, read_json

pytestmark = pytest.mark.django_db

# The header and footer (portal.book.structure.Book): home page, chapters, authors page, publishers.
BOOK = 4
# A record's page also cites itself ("Cite this"), naming the book's authors in its note.
CITATION = 1

# The agreements listing: COUNT for the paginator; the book's counts for "About this data" (one
# aggregate); one page of agreements; their live parties (one prefetch); the countries of the
# country select, by name (one query, kept in the process while fragments are cached).
AGREEMENT_LIST = 1 + 1 + 1 + 1 + 1 + BOOK

PAGES = [
    pytest.param("/en/agreements/?country=jp&q=trade&year_from=1990&sort=-year", AGREEMENT_LIST, id="agreement_list"),
    pytest.param("/en/agreements/?page=2", AGREEMENT_LIST, id="agreement_list_page_2"),
    # A refused value: no filter applied, the same queries.
    pytest.param(
        "/en/agreements/?country=Japan&year_from=2015&year_to=2010", AGREEMENT_LIST, id="agreement_list_refused"
    ),
    pytest.param("/es/agreements/?country=DE&sort=title", AGREEMENT_LIST, id="agreement_list_spanish"),
    pytest.param(
        "/en/agreements/peru-japan-epa/",
        # the agreement with its chapter (one join); its live parties; the parties' live members; its live
        # initiatives; other agreements with the same partners; its publication log entries with their
        # revisions (one join); the default Site, to build the book section's URL.
        1 + 1 + 1 + 1 + 1 + 1 + BOOK + 1 + CITATION,
        id="agreement_detail",
    ),
    pytest.param(
        "/en/agreements/timeline/",
        # every live agreement with its years.
        1 + BOOK,
        id="agreement_timeline",
    ),
    pytest.param(
        "/en/partnerships/?year_from=2000",
        # every matching partnership with its partner and chapter (one join); the default Site for the
        # book section links.
        1 + BOOK + 1,
        id="partnership_list",
    ),
    pytest.param(
        "/en/partners/japan/",
        # the partner; its live members; the blocs it belongs to; its agreements (direct and through
        # blocs); their live parties; its partnerships with their chapters (one join); its live
        # initiatives; the default Site for the book section links.
        1 + 1 + 1 + 1 + 1 + 1 + 1 + BOOK + 1 + CITATION,
        id="partner_detail",
    ),
]


def count_queries(client, django_assert_num_queries, url, expected):
    client.get(url)  # warm the per-process caches (content types, site root paths)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(("url", "expected"), PAGES)
def test_fixed_number_of_queries_at_two_sizes(client, django_assert_num_queries, request, url, expected):
    small = count_queries(client, django_assert_num_queries, url, expected)
    request.getfixturevalue("many_records")
    large = count_queries(client, django_assert_num_queries, url, expected)
    assert len(large.content) > len(small.content)  # the extra records are really on the page or in the file


# Exports read the matching agreements' ids, then the agreements in chunks of CHUNK_SIZE, each chunk
# one query with one more for its live parties, so memory stays flat and no cursor stays open: a
# number of queries that grows with the chunks only; besides, the
# default Site for the book section links. The JSON file adds its count, its licence (the site
# setting) and the book it cites (the default locale, home page, authors, publishers). No template,
# so no header queries.
EXPORTS = [
    pytest.param("/en/agreements/export.csv", 1, id="export_csv"),
    pytest.param("/en/agreements/export.json?country=DE", 1 + 1 + 1 + 4, id="export_json"),
    pytest.param("/en/agreements/export.xlsx", 1, id="export_xlsx"),
    # A refused value: the file holds every agreement, read the same way.
    pytest.param("/en/agreements/export.csv?country=Japan&status=in_force", 1, id="export_csv_refused"),
]


@pytest.mark.parametrize(("url", "fixed"), EXPORTS)
def test_exports_read_the_records_in_chunks(client, django_assert_num_queries, request, url, fixed):
    def measure():
        client.get(url)  # warm the per-process caches (content types, site root paths)
        rows = len(
            read_json(client.get(url.replace("export.csv", "export.json").replace("export.xlsx", "export.json")))
        )
        chunks = math.ceil(rows / CHUNK_SIZE)
        with django_assert_num_queries(fixed + 1 + 2 * chunks):
            response = client.get(url)
            body = content(response)
        return body, chunks

    small, small_chunks = measure()
    request.getfixturevalue("many_records")
    large, large_chunks = measure()
    assert len(large) > len(small) and large_chunks > small_chunks
