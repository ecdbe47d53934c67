"""/<lang>/data/: the files with their formats and rows, the data dictionary, the licence (a site
setting), the version, how to cite, the latest publications; and the links to it and to the files."""

import pytest

from agreements.models import Agreement
from portal.data.models import DataLicence

pytestmark = pytest.mark.django_db


def html(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_data_page_lists_every_file_in_three_formats_with_its_rows(client):
    body = html(client, "/en/data/")
    assert "<h1>Open data</h1>" in body
    for name in ("agreements", "partners", "partnerships", "initiatives", "figures"):
        for fmt in ("csv", "json", "xlsx"):
            assert f'href="/en/{name}/export.{fmt}"' in body, (name, fmt)
    assert 'href="/en/agreements/parties.csv"' in body
    assert "29 rows" in body and "85 rows" in body and "36 rows" in body
    assert 'href="http://testserver/en/data/datapackage.json"' in body
    assert "Version 1.0.0" in body
    assert '<link rel="canonical" href="http://testserver/en/data/">' in body
    assert '<span aria-current="page">Open data</span>' in body


def test_the_data_dictionary_lists_each_column_with_its_codes(client):
    body = html(client, "/en/data/")
    table = body[body.index('id="columns-agreements"') :]
    table = table[: table.index("</table>")]
    for key in ("slug", "status", "status_label", "parties_iso", "book_year_start", "source_text", "url"):
        assert f"<code>{key}</code>" in table, key
    assert "<li><code>in_force</code>: In force</li>" in table
    assert "<code>integer</code>" in table and "<code>date</code>" in table


def test_the_licence_citation_and_the_books_rights(client):
    body = html(client, "/en/data/")
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>'
        in body
    )
    assert "All rights reserved" in body  # the book's own text keeps its notice
    # How to cite it (rendered by citeproc: tests/citations/), naming the book as its source.
    assert "(Version 1.0.0) [Dataset]" in body and "ISBN 978-9972-671-91-3" in body
    spanish = html(client, "/es/data/")
    assert "Puede copiar, compartir y adaptar los datos" in spanish


def test_a_changed_licence_shows_on_the_page(client):
    site = client.get("/en/data/").wsgi_request._wagtail_site
    licence = DataLicence.for_site(site)
    licence.name, licence.url, licence.note = (
        "Public domain (CC0 1.0)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "No rights reserved.",
    )
    licence.save()
    body = html(client, "/en/data/")
    assert (
        '<a href="https://creativecommons.org/publicdomain/zero/1.0/" rel="license">Public domain (CC0 1.0)</a>' in body
    )
    assert "No rights reserved." in body


def test_the_latest_publications_newest_first_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    agreement.save_revision().publish()
    client.get("/en/data/")  # content types and the site, once per process
    with django_assert_max_num_queries(30):
        body = html(client, "/en/data/")
    changes = body[body.index('id="changes-heading"') :]
    assert changes.count("<li>") == 20
    first = changes[changes.index("<li>") : changes.index("</li>")]
    assert 'href="/en/agreements/peru-japan-epa/"' in first
    agreement.unpublish()
    changes = html(client, "/en/data/").split('id="changes-heading"')[1]
    assert "peru-japan-epa" not in changes


def test_the_header_links_the_data_page(client):
    body = html(client, "/en/agreements/")
    assert '<a href="/en/data/">Data</a>' in body
    assert '<a href="/en/data/" aria-current="page">Data</a>' in html(client, "/en/data/")


@pytest.mark.parametrize(
    ("listing", "name", "params", "query"),
    [
        ("/en/agreements/", "agreements", {"status": "in_force", "page": "2"}, "?status=in_force"),
        ("/en/initiatives/", "initiatives", {"area": "health", "page": "2"}, "?area=health"),
        ("/en/partnerships/", "partnerships", {"region": "asia"}, "?region=asia"),
        ("/en/figures/", "figures", {}, ""),
        ("/es/agreements/", "agreements", {"country": "jp"}, "?country=JP"),
    ],
)
def test_each_listing_links_its_files_with_its_filters_not_its_page(client, listing, name, params, query):
    body = html(client, listing, params)
    language = listing[1:3]
    for fmt in ("csv", "json", "xlsx"):
        assert f'href="/{language}/{name}/export.{fmt}{query}"' in body, fmt
    assert f'<a href="/{language}/data/">' in body
    # Above the fold: right after the result count, before the results.
    downloads = body.index('class="exports"')
    assert downloads < body.index('class="results"') if 'class="results"' in body else True
    if 'class="result-count"' in body:
        assert body.index('class="result-count"') < downloads
