"""Which records point at which section of a chapter ("the section that discusses this")."""

from collections import defaultdict

from django.db.models import Count, F, OrderBy, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

# Records listed under one section, per kind. The book's largest section (trade agreements, 29) fits;
# beyond it the chapter links to the full listing, so the page's size stays the same whatever the
# number of records.
RECORDS_PER_SECTION = 30


class SectionRecords(list):
    """The first records of one kind linked to a section, with ``total`` (all of them) and
    ``listing_url`` (where to find the rest)."""

    def __init__(self, records=(), total=0, listing_url=""):
        super().__init__(records)
        self.total = total
        self.listing_url = listing_url

    @property
    def more(self):
        return max(self.total - len(self), 0)


def records_by_anchor(chapter, limit=None):
    """{anchor: {"agreements": SectionRecords, "partnerships": ..., "initiatives": ..., "figures": ...}}
    for one chapter: at most ``limit`` (RECORDS_PER_SECTION) records of each kind per section, in four
    queries whatever the number of records."""
    from agreements.models import Agreement, Partnership
    from diplomacy.models import Initiative, KeyFigure

    sources = {
        "agreements": (Agreement.objects.live().by_book_order(), "agreement_list"),
        "partnerships": (Partnership.objects.live().select_related("partner"), "partnership_list"),
        "initiatives": (Initiative.objects.live().chronological(), "initiative_list"),
        "figures": (KeyFigure.objects.live(), "figures"),
    }
    limit = limit or RECORDS_PER_SECTION
    grouped = defaultdict(dict)
    for kind, (queryset, listing) in sources.items():
        listing_url = reverse(listing)
        for record in _first_per_section(queryset.filter(chapter=chapter), limit):
            records = grouped[record.section_anchor].setdefault(
                kind, SectionRecords(total=record.in_section, listing_url=listing_url)
            )
            records.append(record)
    return dict(grouped)


def _first_per_section(queryset, limit):
    """The queryset's first ``limit`` rows of each ``section_anchor``, in its own order, each with
    ``in_section``: how many rows that section has in all."""
    ordering = [_as_order_by(term) for term in queryset.query.order_by or queryset.model._meta.ordering]
    ordering.append(F("pk").asc())
    ranked = queryset.annotate(
        position=Window(RowNumber(), partition_by=F("section_anchor"), order_by=ordering),
        in_section=Window(Count("pk"), partition_by=F("section_anchor")),
    )
    return ranked.filter(position__lte=limit).order_by("section_anchor", "position")


def _as_order_by(term):
    if isinstance(term, str):
        return F(term[1:]).desc() if term.startswith("-") else F(term).asc()
    return term if isinstance(term, OrderBy) else term.asc()
