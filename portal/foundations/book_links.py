"""The link from a record to "the section of the book that discusses this", and the records each
section of a chapter lists in return."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OrderBy, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .i18n import active_language, book_section
from .navigation import absolute_url
from .records import Column, record_types

# Records listed under one section, per type. The book's largest section (trade agreements, 29) fits;
# beyond it the chapter links to the full listing, so the page's size stays the same whatever the
# number of records.
RECORDS_PER_SECTION = 30


class BookSectionLink(models.Model):
    """For records that point at the section of the book that discusses them. The chapter is named
    by its model label, so this layer needs no import of the book's page types."""

    chapter = models.ForeignKey(
        "portal.ChapterPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        # related_name="+" keeps Page free of reverse accessors for every record type.
        related_name="+",
        help_text=_("The chapter that discusses this record."),
    )
    section_anchor = models.CharField(
        max_length=80,
        blank=True,
        help_text=_(
            "The anchor of the section inside that chapter (e.g. 'political-diplomacy'). Leave empty to "
            "link to the start of the chapter."
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.section_anchor and not self.chapter_id:
            raise ValidationError({"chapter": _("Choose the chapter the section belongs to.")})
        if self.section_anchor and self.chapter_id:
            valid = [anchor for anchor, _heading, _sub in self.chapter.specific.anchors]
            if self.section_anchor not in valid:
                raise ValidationError(
                    {
                        "section_anchor": _("That chapter has no section with this anchor. Valid anchors: %(list)s")
                        % {"list": ", ".join(valid)}
                    }
                )

    def book_section_title_in(self, chapter):
        """The section's title as ``chapter`` (the record's chapter, or a translation of it) words it."""
        for anchor, heading, _sub in chapter.published_anchors():
            if anchor == self.section_anchor:
                return f"{chapter.number}. {heading}"
        return f"{chapter.number}. {chapter.title}"


def section_link(record, request):
    """The book section a record points at in the reader's language (``i18n.book_section``), None when
    it points at none or its chapter is not live; kept on the request for the next record of the
    same section (an export reads thousands)."""
    if record.chapter_id is None or not record.chapter.live:
        return None
    known = request.__dict__.setdefault("_portal_section_links", {})
    key = (active_language(), record.chapter_id, record.section_anchor)
    if key not in known:
        link = book_section(record, request)
        known[key] = (link.title, absolute_url(request, link) if link.startswith("/") else str(link))
    return known[key]


def book_section_columns():
    """The open data's columns of a record's book section: its heading and its address."""
    return [
        Column(
            "book_section",
            description=_("The section of the book that discusses it: the chapter's number and the section's heading."),
            value=lambda record, request: (section_link(record, request) or ("", ""))[0],
        ),
        Column(
            "book_section_url",
            description=_("The address of that section on the portal, in the file's language."),
            value=lambda record, request: (section_link(record, request) or ("", ""))[1],
            url=True,
        ),
    ]


def book_section_panel():
    """The admin panel for choosing a record's book section."""
    return MultiFieldPanel(
        [FieldPanel("chapter"), FieldPanel("section_anchor")],
        heading=_("Where the book discusses it"),
    )


class SectionRecords(list):
    """The first records of one type linked to a section, with ``total`` (all of them), the type's
    ``label``, the ``template`` one of them is listed with, and ``listing_url`` (where to find the
    rest)."""

    def __init__(self, records=(), total=0, listing_url="", label="", template="", type_name=""):
        super().__init__(records)
        self.total = total
        self.listing_url = listing_url
        self.label = label
        self.template = template
        self.type_name = type_name

    @property
    def more(self):
        return max(self.total - len(self), 0)


def chapter_record_types():
    """The record types chapter sections list: those that link to a section and say how to list them."""
    return [model for model in record_types() if issubclass(model, BookSectionLink) and model.chapter_item_template]


def records_by_anchor(chapter, limit=None):
    """{anchor: [SectionRecords of one type, ...]} for one chapter, types in their declared order: at
    most ``limit`` records of each type per section, one query per type whatever the number of
    records."""
    limit = limit or RECORDS_PER_SECTION
    grouped = defaultdict(dict)
    for model in chapter_record_types():
        queryset = model.public_queryset().filter(chapter=chapter)
        listing_url = model.listing_url()
        for record in _first_per_section(queryset, limit):
            records = grouped[record.section_anchor].setdefault(
                model,
                SectionRecords(
                    total=record.in_section,
                    listing_url=listing_url,
                    label=model.type_label(),
                    template=model.chapter_item_template,
                    type_name=model.type_name(),
                ),
            )
            records.append(record)
    return {anchor: list(by_type.values()) for anchor, by_type in grouped.items()}


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
