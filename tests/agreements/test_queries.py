"""Every public page and export runs a fixed number of queries, whatever the number of records: measured
on the book's records, then again with 1,000 more agreements and partnerships."""

import pytest

pytestmark = pytest.mark.django_db

# The header and footer (portal.book.structure.Book): home page, chapters, authors page, publishers.
BOOK = 4
# A record's page also cites itself ("Cite this"), naming the book's authors in its note.
CITATION = 1

PAGES = [
    pytest.param(
        "/en/agreements/?country=jp&q=trade&year_from=1990&sort=-year",
        # COUNT for the paginator; the book's counts for "About this data" (one aggregate); one page of
        # agreements; their live parties (one prefetch).
        1 + 1 + 1 + 1 + BOOK,
        id="agreement_list",
    ),
    pytest.param(
        "/en/agreements/?page=2",
        1 + 1 + 1 + 1 + BOOK,
        id="agreement_list_page_2",
    ),
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
    # Exports: the matching agreements; their live parties. No template, so no header queries.
    pytest.param("/en/agreements/export.csv?status=in_force", 2, id="export_csv"),
    pytest.param("/en/agreements/export.json?country=DE", 2, id="export_json"),
    pytest.param("/en/agreements/export.xlsx", 2, id="export_xlsx"),
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
