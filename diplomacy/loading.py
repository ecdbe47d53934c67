"""Areas of diplomacy, initiatives and key figures from fixtures/ (see ``portal.foundations.loading``)."""

from agreements.loading import resolve_partner
from agreements.models import Agreement
from portal.foundations.loading import RecordSpec, load_records

from .models import Area, Initiative, KeyFigure


def _date_parts(value):
    parts = [int(p) for p in value.split("-")] if value else []
    return parts + [None] * (3 - len(parts))


def _part(key, index):
    return lambda record: _date_parts(record.get(key))[index]


def load(report):
    load_records(
        RecordSpec("Areas of diplomacy", Area, "areas.json", ["name", "name_es", "summary", "summary_es", "order"]),
        report,
    )
    area = lambda slug: Area.objects.get(slug=slug)  # noqa: E731
    load_records(
        RecordSpec(
            "Initiatives",
            Initiative,
            "initiatives.json",
            [
                "title",
                "title_es",
                "when_label",
                "when_label_es",
                "status",
                "description",
                "description_es",
                "outcomes",
                "outcomes_es",
                "source_text",
                "source_text_es",
                "notes",
                "notes_es",
                "book_order",
            ],
            convert={
                "start_year": _part("start", 0),
                "start_month": _part("start", 1),
                "start_day": _part("start", 2),
                "end_year": _part("end", 0),
                "end_month": _part("end", 1),
                "end_day": _part("end", 2),
            },
            foreign={"area": ("area", area)},
            many={
                "secondary_areas": ("secondary_areas", area),
                "partners": ("partners", resolve_partner),
                "agreements": ("agreements", lambda slug: Agreement.objects.get(slug=slug)),
            },
        ),
        report,
    )
    load_records(
        RecordSpec(
            "Key figures",
            KeyFigure,
            "figures.json",
            [
                "label",
                "label_es",
                "value",
                "qualifier",
                "unit",
                "unit_es",
                "period_label",
                "period_label_es",
                "year",
                "details",
                "details_es",
                "source_text",
                "source_text_es",
                "notes",
                "notes_es",
                "book_order",
            ],
            foreign={
                "area": ("area", area),
                "initiative": ("initiative", lambda slug: Initiative.objects.get(slug=slug)),
            },
        ),
        report,
    )
