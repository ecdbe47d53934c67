"""The agreements listing as CSV, JSON and Excel files: every matching record, stable columns."""

import csv
import io
import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from portal.foundations.navigation import absolute_url
from portal.foundations.spreadsheets import neutralized

# The columns in their stable order. Each key is also its English header; the labels are listed
# literally so that makemessages finds them.
COLUMN_LABELS = {
    "slug": pgettext_lazy("export column", "slug"),
    "title": pgettext_lazy("export column", "title"),
    "title_es": pgettext_lazy("export column", "title_es"),
    "short_name": pgettext_lazy("export column", "short_name"),
    "kind": pgettext_lazy("export column", "kind"),
    "status": pgettext_lazy("export column", "status"),
    "book_status": pgettext_lazy("export column", "book_status"),
    "year": pgettext_lazy("export column", "year"),
    "year_start": pgettext_lazy("export column", "year_start"),
    "year_end": pgettext_lazy("export column", "year_end"),
    "parties_iso": pgettext_lazy("export column", "parties_iso"),
    "parties": pgettext_lazy("export column", "parties"),
    "url": pgettext_lazy("export column", "url"),
}
COLUMNS = list(COLUMN_LABELS)


def header_labels():
    """The header row: the column keys themselves in English (what scripts read), translated in the
    other languages. The columns, their order and the JSON keys never change."""
    return [str(label) for label in COLUMN_LABELS.values()]


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def party_code(partner):
    """A country's ISO code; a bloc's short name (its name when it has none)."""
    return partner.code or partner.short_name or partner.name


def rows(agreements, request):
    """One dict per agreement, keys in COLUMNS order. ``agreements`` carries ``with_years()`` and
    ``with_parties()``."""
    for agreement in agreements:
        parties = list(agreement.parties.all())
        yield {
            "slug": agreement.slug,
            "title": agreement.title,
            "title_es": agreement.title_es,
            "short_name": agreement.short_name,
            "kind": agreement.kind,
            "status": agreement.status,
            "book_status": agreement.book_status,
            "year": agreement.book_years,
            "year_start": agreement.year,
            "year_end": agreement.year_last,
            "parties_iso": "; ".join(party_code(p) for p in parties),
            "parties": "; ".join(p.localized.name for p in parties),
            "url": absolute_url(request, agreement.get_absolute_url()),
        }


def links(request):
    """[(label, URL)] of the exports, carrying the listing's current filters (not its page)."""
    query = request.GET.copy()
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    return [
        (label, reverse("agreement_export", kwargs={"format": name}) + suffix)
        for name, label in (("csv", "CSV"), ("json", "JSON"), ("xlsx", "Excel"))
    ]


def filename(extension):
    return f"peru-trade-agreements-{timezone.localdate().isoformat()}.{extension}"


def _attachment(content, extension):
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename(extension)}"'
    return response


def as_csv(records):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header_labels())
    for record in records:
        writer.writerow(["" if record[name] is None else neutralized(record[name]) for name in COLUMNS])
    return _attachment(buffer.getvalue(), "csv")


def as_json(records):
    records = list(records)
    content = json.dumps({"count": len(records), "results": records}, ensure_ascii=False, indent=1)
    return _attachment(content, "json")


def as_xlsx(records):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(pgettext("export sheet", "Agreements"))
    sheet.freeze_panes = "A2"
    header = []
    for label in header_labels():
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for record in records:
        sheet.append([_text_cell(sheet, record[name]) for name in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(buffer.getvalue(), "xlsx")


def _text_cell(sheet, value):
    """openpyxl stores a string starting with "=" as a formula: every text is written as a text."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


WRITERS = {"csv": as_csv, "json": as_json, "xlsx": as_xlsx}
