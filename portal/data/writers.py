"""The files of the open data: CSV (UTF-8 with a byte order mark, CRLF, streamed), JSON (with its
metadata, streamed) and Excel (built in memory in openpyxl's write-only mode).

Every writer takes a table's rows as Python values (``columns.py``). Spreadsheets are safe to open:
a CSV cell that would start a formula gets a leading apostrophe (``neutralized``), and every Excel
text is stored as text, never as a formula."""

import csv
import datetime
import decimal
import io
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.child import INVALID_TITLE_REGEX
from openpyxl.worksheet.filters import AutoFilter

from portal.foundations.spreadsheets import neutralized

SEPARATOR = "; "
BOM = "\ufeff"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Excel column widths (in characters): wide enough to read, never wider than a screen's half.
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDE_TYPES = {"date": 12, "integer": 8, "number": 14}
LINK_FONT = Font(color="0563C1", underline="single")


def filename(table, extension):
    """``peru-trade-agreements-2026-12-01.csv``: the table's name and today's date (Lima)."""
    return f"{table.filename}-{timezone.localdate().isoformat()}.{extension}"


def attach(response, table, extension):
    response["Content-Disposition"] = f'attachment; filename="{filename(table, extension)}"'
    return response


def joined(value):
    return SEPARATOR.join(str(item) for item in value) if isinstance(value, list | tuple) else value


def plain_number(value):
    """A decimal as written in a file: 433000000, 1.5 (no exponent, no trailing zeros)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def text_of(value):
    """A value as CSV text: ISO 8601 dates, plain numbers, lists joined, nothing for None."""
    value = joined(value)
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return plain_number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def json_value(value):
    value = joined(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def in_language(chunks, language):
    """Rows are made while the response streams, after the view has returned: in the request's
    language, whatever the server does meanwhile."""
    with translation.override(language):
        yield from chunks


class _Line:
    """A file-like object that hands back what the csv writer writes (Django's streaming CSV recipe)."""

    def write(self, text):
        return text


def csv_lines(keys, rows):
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield BOM + writer.writerow(keys)
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_cell(value):
    text = text_of(value)
    return neutralized(text) if isinstance(value, str | list | tuple) else text


def as_csv(table, keys, rows):
    response = StreamingHttpResponse(
        in_language(csv_lines(keys, rows), translation.get_language()), content_type=CONTENT_TYPES["csv"]
    )
    return attach(response, table, "csv")


def json_chunks(metadata, keys, rows):
    head = json.dumps(metadata, ensure_ascii=False, indent=1)
    yield head[: head.rindex("}")].rstrip() + ',\n "results": ['
    for n, row in enumerate(rows):
        record = {key: json_value(value) for key, value in zip(keys, row, strict=True)}
        yield ("\n  " if n == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False)
    yield "\n ]\n}\n"


def as_json(table, keys, rows, metadata):
    """``metadata`` (generated_at, licence, count, filters, source…) and ``results``: one object per row."""
    response = StreamingHttpResponse(
        in_language(json_chunks(metadata, keys, rows), translation.get_language()), content_type=CONTENT_TYPES["json"]
    )
    return attach(response, table, "json")


def excel_text(value):
    """Text without the control characters a workbook cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _cell(sheet, column, value):
    value = joined(value)
    if value is None or value == "":
        return None
    if isinstance(value, decimal.Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if not isinstance(value, str):
        return value
    # openpyxl would store a text starting with "=" as a formula: every text is written as text.
    cell = WriteOnlyCell(sheet, value=excel_text(value))
    cell.data_type = "s"
    if column.url and value.startswith(("http://", "https://")):
        cell.hyperlink = value
        cell.font = LINK_FONT
    return cell


def width_of(column):
    if column.type in WIDE_TYPES:
        return max(WIDE_TYPES[column.type], len(column.key) + 2)
    if column.url or column.key in ("description", "notes", "source_text", "source_text_es", "outcomes", "details"):
        return MAX_WIDTH if not column.url else 40
    return min(MAX_WIDTH, max(MIN_WIDTH, len(column.key) + 2, 18 if column.codes or column.label_of else 0))


def as_xlsx(table, columns, rows, sheet_title):
    """One sheet: a bold, frozen header row, an autofilter over the data, column widths, clickable
    addresses, and every text stored as text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(INVALID_TITLE_REGEX.sub(" -", sheet_title)[:31].strip() or "data")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width_of(column)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.key)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, column, value) for column, value in zip(columns, row, strict=True)])
        count += 1
    sheet.auto_filter = AutoFilter(ref=f"A1:{get_column_letter(max(len(columns), 1))}{count + 1}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attach(HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES["xlsx"]), table, "xlsx")
