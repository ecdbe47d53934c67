"""The book's areas of diplomacy, the initiatives and reforms it reports, and its key figures."""

import calendar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.search import index

from agreements.models import Agreement, Partner, partner_columns
from portal.foundations.book_crumbs import chapter_crumb
from portal.foundations.book_links import BookSectionLink, book_section_columns
from portal.foundations.folding import SearchTextMixin
from portal.foundations.i18n import active_language
from portal.foundations.listing import TitleOrderMixin
from portal.foundations.navigation import breadcrumbs
from portal.foundations.records import (
    Column,
    LiveQuerySet,
    PublicRecord,
    SlugAndOrderMixin,
    book_words_columns,
    coded_columns,
    record_url_column,
    slug_column,
)

from . import figure_wording


class Area(PublicRecord, BookSectionLink, models.Model):
    """An area of diplomacy (chapter III) or the institutional reforms (chapter II)."""

    listing_url_name = "area_list"
    listing_title = _("Areas of diplomacy")
    detail_url_name = "area_detail"
    detail_template = "diplomacy/area_detail.html"
    nav_section = "diplomacy"
    record_order = 40

    slug = models.SlugField(
        max_length=40,
        unique=True,
        help_text=_("Part of public web addresses and filters (e.g. 'health'). Never change it."),
    )
    name = models.CharField(max_length=120, help_text=_("e.g. 'Health diplomacy'."))
    name_es = models.CharField(
        _("name (Spanish)"), max_length=120, blank=True, help_text=_("e.g. 'Diplomacia sanitaria'.")
    )
    summary = models.TextField(help_text=_("What the book says of this area, in a few plain sentences."))
    summary_es = models.TextField(_("summary (Spanish)"), blank=True, help_text=_("The same summary in Spanish."))
    order = models.PositiveSmallIntegerField(default=0, help_text=_("Areas are listed in this order."))

    objects = LiveQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("name_es", boost=3),
        index.SearchField("summary"),
        index.SearchField("summary_es"),
        index.AutocompleteField("name"),
        index.AutocompleteField("name_es"),
        index.AutocompleteField("slug"),
        # What the admin listing filters and sorts by, also while searching.
        index.FilterField("name"),
        index.FilterField("slug"),
        index.FilterField("order"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("area of diplomacy")
        verbose_name_plural = _("areas of diplomacy")

    def __str__(self):
        return self.name

    def public_title(self):
        return self.localized.name

    def get_absolute_url(self):
        return reverse("area_detail", kwargs={"area": self.slug})

    def get_context(self, request):
        """The area's initiatives and figures (none for the preview of an unsaved area)."""
        initiatives = Initiative.objects.live().in_area(self.slug).chronological().for_listing() if self.pk else []
        figures = KeyFigure.objects.live().in_area(self).for_listing() if self.pk else []
        return {
            **super().get_context(request),
            "crumbs": self.book_breadcrumbs(request),
            "initiatives": list(initiatives),
            "figures": list(figures),
        }

    def book_trail(self, request=None):
        """Where the area sits: the chapter it is a part of (III, or II for the institutional
        reforms), else the index of the areas."""
        crumb = chapter_crumb(self.chapter, request)
        # The preview of an unsaved area has no address yet.
        own_url = self.get_absolute_url() if self.slug else None
        return [crumb or (_("Areas of diplomacy"), reverse("area_list")), (self.public_title(), own_url)]

    def book_breadcrumbs(self, request=None):
        """Home › Chapter III › Health diplomacy."""
        *trail, (title, _url) = self.book_trail(request)
        return breadcrumbs(*trail, (title, None))


def area_codes():
    """[(slug, name in the reader's language)] of the live areas: the codes of the open data's
    ``area`` columns."""
    return [(area.slug, area.localized.name) for area in Area.objects.live().order_by("order", "name")]


def area_columns():
    return [
        Column(
            "area",
            description=_("The slug of its area of diplomacy (or the institutional reforms)."),
            codes=area_codes,
            value=lambda record, request: record.area.slug if record.area.live else "",
        ),
        Column("area_label", description=_("The name of that area, in the file's language."), label_of="area"),
    ]


def partial_date(year, month=None, day=None):
    """An ISO 8601 date with the precision the book gives: '2018', '2018-04', '2018-04-06'."""
    if not year:
        return ""
    text = f"{year:04d}"
    if month:
        text += f"-{month:02d}"
        if day:
            text += f"-{day:02d}"
    return text


class InitiativeStatus(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    ONGOING = "ongoing", _("Ongoing")
    IN_NEGOTIATION = "in_negotiation", _("In negotiation")
    PROPOSED = "proposed", _("Proposed")


class InitiativeQuerySet(TitleOrderMixin, LiveQuerySet):
    def in_area(self, slug):
        """Initiatives whose main or secondary area is ``slug``."""
        return self.filter(Q(area__slug=slug) | Q(secondary_areas__slug=slug)).distinct()

    def with_partners_among(self, partners):
        """Initiatives with a partner in ``partners`` (a queryset): a subquery, no DISTINCT."""
        links = Initiative.partners.through.objects.filter(partner__in=partners.values("pk"))
        return self.filter(pk__in=links.values("initiative_id"))

    def involving(self, code):
        """Initiatives with the country, or a bloc it belongs to, as a published partner."""
        return self.with_partners_among(Partner.objects.live().including_country(code))

    def with_organization(self, slug):
        return self.with_partners_among(Partner.objects.live().groupings().filter(slug=slug))

    def with_years(self):
        return self.annotate(year_last=Coalesce("end_year", "start_year"))

    def chronological(self):
        return self.order_by(
            models.F("start_year").asc(nulls_last=True),
            models.F("start_month").asc(nulls_first=True),
            models.F("start_day").asc(nulls_first=True),
            "book_order",
        )

    def overlapping(self, year_from=None, year_to=None):
        """Initiatives whose span [start_year, end_year or start_year] meets [year_from, year_to];
        undated ones drop out as soon as either bound is given."""
        qs = self
        if year_from is not None:
            qs = qs.with_years().filter(year_last__gte=year_from)
        if year_to is not None:
            qs = qs.filter(start_year__lte=year_to)
        return qs

    def reverse_chronological(self):
        return self.order_by(
            models.F("start_year").desc(nulls_last=True),
            models.F("start_month").desc(nulls_last=True),
            models.F("start_day").desc(nulls_last=True),
            "-book_order",
        )

    def for_listing(self):
        return self.select_related("area").prefetch_related(
            Prefetch("partners", queryset=Partner.objects.live().order_by("name"))
        )

    def for_detail(self):
        """Everything the detail page shows, in one query per relation."""
        return self.select_related("area__chapter", "chapter").prefetch_related(
            Prefetch("secondary_areas", queryset=Area.objects.live()),
            Prefetch("partners", queryset=Partner.objects.live().order_by("name")),
            Prefetch("agreements", queryset=Agreement.objects.live().by_book_order()),
            Prefetch("figures", queryset=KeyFigure.objects.live().select_related("chapter")),
        )


class Initiative(SlugAndOrderMixin, PublicRecord, SearchTextMixin, BookSectionLink, ClusterableModel):
    """Something the Ministry did, proposed or is negotiating, as the book reports it."""

    listing_url_name = "initiative_list"
    detail_url_name = "initiative_detail"
    detail_template = "diplomacy/initiative_detail.html"
    nav_section = "initiatives"
    search_group = "initiatives"
    chapter_item_template = "diplomacy/components/initiative_section_item.html"
    record_order = 50
    export_name = "initiatives"
    export_title = _("Initiatives and reforms")
    export_description = _(
        "What the Ministry achieved, began, proposed or is negotiating in each area of diplomacy: one row each, with its dates, partners and outcomes."
    )
    export_filename = "peru-foreign-policy-initiatives"
    export_filters = "diplomacy.filters.InitiativeListingFilterSet"
    export_links = {
        "partners": ("partner", _("Initiatives and their partners")),
        "agreements": ("agreement", _("Initiatives and their trade agreements")),
    }

    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text=_(
            "Used in the initiative's web address. Leave empty to make one from the title; never change it once published."
        ),
    )
    title = models.CharField(max_length=300, help_text=_("A short, plain English title."))
    title_es = models.CharField(_("title (Spanish)"), max_length=300, blank=True, help_text=_("The title in Spanish."))
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="initiatives", help_text=_("The main area of diplomacy.")
    )
    secondary_areas = ParentalManyToManyField(
        Area, blank=True, related_name="secondary_initiatives", help_text=_("Other areas it also belongs to.")
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("The year it happened or began."))
    start_month = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Only if the book gives the month (1-12).")
    )
    start_day = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Only if the book gives the day."))
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("For a span such as 2010-2021: the last year.")
    )
    end_month = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Only if the book gives it."))
    end_day = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Only if the book gives it."))
    when_label = models.CharField(
        _("when, in the book's words"),
        max_length=120,
        blank=True,
        help_text=_("The book's own words for when, e.g. 'since 2002' (optional)."),
    )
    when_label_es = models.CharField(
        _("when, in the book's words (Spanish)"),
        max_length=120,
        blank=True,
        help_text=_("The same words in Spanish, e.g. 'desde 2002'."),
    )
    status = models.CharField(max_length=20, choices=InitiativeStatus.choices, help_text=_("Where it stands."))
    partners = ParentalManyToManyField(
        Partner, blank=True, related_name="initiatives", help_text=_("Countries and organizations involved.")
    )
    agreements = ParentalManyToManyField(
        Agreement, blank=True, related_name="initiatives", help_text=_("Trade agreements it is linked to.")
    )
    description = models.TextField(help_text=_("What it is, in our own words (two to four sentences)."))
    description_es = models.TextField(_("description (Spanish)"), blank=True, help_text=_("The same in Spanish."))
    outcomes = models.TextField(blank=True, help_text=_("What it achieved, as the book reports."))
    outcomes_es = models.TextField(_("outcomes (Spanish)"), blank=True, help_text=_("The same in Spanish."))
    source_text = models.TextField(_("the book's words"), blank=True, help_text=_("The book's own words about it."))
    notes = models.TextField(blank=True, help_text=_("Sources and caveats."))
    source_text_es = models.TextField(
        _("the book's words (our Spanish translation)"),
        blank=True,
        help_text=_("Our Spanish translation of the book's words (the portal's, shown as such: not the book's)."),
    )
    notes_es = models.TextField(_("notes (Spanish)"), blank=True, help_text=_("The same notes in Spanish."))
    book_order = models.PositiveSmallIntegerField(
        _("position in the book"), default=0, help_text=_("Order of first mention in the book.")
    )

    objects = InitiativeQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("title_es", boost=3),
        index.SearchField("description"),
        index.SearchField("description_es"),
        index.SearchField("outcomes"),
        index.SearchField("outcomes_es"),
        index.AutocompleteField("title"),
        index.AutocompleteField("title_es"),
        # What the admin listing filters and sorts by, also while searching (the country filter
        # selects by id).
        index.FilterField("id"),
        index.FilterField("title"),
        index.FilterField("area"),
        index.FilterField("book_order"),
        index.FilterField("status"),
        index.FilterField("live"),
        index.FilterField("start_year"),
        index.RelatedFields("partners", [index.SearchField("name"), index.SearchField("name_es")]),
    ]

    class Meta:
        ordering = ["book_order", "title"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        for prefix in ("start", "end"):
            year, month, day = (getattr(self, f"{prefix}_{part}") for part in ("year", "month", "day"))
            if month is not None and not 1 <= month <= 12:
                raise ValidationError({f"{prefix}_month": _("A month is a number from 1 to 12.")})
            if day is not None and (month is None or year is None):
                raise ValidationError({f"{prefix}_day": _("Give the month and year too.")})
            if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValidationError({f"{prefix}_day": _("That month has no such day.")})
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end cannot come before the start.")})

    @classmethod
    def public_queryset(cls):
        return cls.objects.live().chronological()

    @classmethod
    def export_queryset(cls):
        return (
            cls.objects.live()
            .chronological()
            .select_related("area", "chapter")
            .prefetch_related(
                Prefetch("partners", queryset=Partner.objects.live().order_by("name")),
                Prefetch("secondary_areas", queryset=Area.objects.live().order_by("order", "name")),
                Prefetch("agreements", queryset=Agreement.objects.live().by_book_order()),
            )
        )

    @classmethod
    def export_columns(cls):
        return [
            slug_column(),
            Column("title", description=_("A short, plain title."), localized=True),
            *area_columns(),
            Column(
                "secondary_areas",
                description=_("The slugs of the other areas it also belongs to."),
                many=True,
                value=lambda initiative, request: [area.slug for area in initiative.secondary_areas.all()],
            ),
            *coded_columns("status", InitiativeStatus, _("Where it stands.")),
            Column(
                "start",
                description=_(
                    "When it happened or began (ISO 8601), with the precision the book gives: year, month or day."
                ),
                value=lambda i, request: partial_date(i.start_year, i.start_month, i.start_day),
            ),
            Column(
                "end",
                description=_("For a span: when it ended (ISO 8601), with the precision the book gives."),
                value=lambda i, request: partial_date(i.end_year, i.end_month, i.end_day),
            ),
            Column(
                "when",
                description=_("The same dates, written out in the file's language."),
                value=lambda i, request: i.when,
            ),
            Column("when_label", description=_("When, in the book's words, where it has some."), localized=True),
            *partner_columns("partners", _("The names of the countries and organizations involved.")),
            Column(
                "agreements",
                description=_("The slugs of the trade agreements it is linked to (see the agreements file)."),
                many=True,
                references="agreements",
                value=lambda initiative, request: [agreement.slug for agreement in initiative.agreements.all()],
            ),
            Column("description", description=_("What it is, in a few plain sentences."), localized=True),
            Column("outcomes", description=_("What it achieved, as the book reports."), localized=True),
            Column("notes", description=_("Sources and caveats."), localized=True),
            *book_words_columns(),
            *book_section_columns(),
            record_url_column(),
        ]

    def public_title(self):
        return self.localized.title

    def search_excerpt(self):
        return f"{self.localized.description} {self.localized.outcomes}"

    def searchable_parts(self):
        partners = self.partners.filter(live=True).values_list("name", "name_es", "short_name", "short_name_es")
        own = [self.title, self.title_es, self.description, self.description_es, self.outcomes, self.outcomes_es]
        return own + [name for names in partners for name in names]

    def search_context(self):
        return self.when or self.localized.when_label

    def get_context(self, request):
        """The initiative's page, also the preview of a draft (unsaved, its relations held in memory)."""
        live = lambda records: [record for record in records if record.live]  # noqa: E731
        return {
            **super().get_context(request),
            "crumbs": self.book_breadcrumbs(request),
            "other_title": self.title_in_other_language(),
            "when_note": self.when_note(),
            "secondary_areas": live(self.secondary_areas.all()),
            "partners": sorted(live(self.partners.all()), key=lambda partner: partner.name),
            "agreements": live(self.agreements.all()),
            "figures": live(self.figures.all()) if self.pk else [],
        }

    def book_breadcrumbs(self, request=None):
        """Home › Chapter III › its area › the initiative: under its main area, as the book tells it;
        under the initiatives listing while that area is not published."""
        area = self.area if self.area_id else None
        if area is None or not area.live:
            return self.breadcrumbs()
        return breadcrumbs(*area.book_trail(request), (self.public_title(), None))

    def title_in_other_language(self):
        """{"text", "lang"}: the title in the language not being read, when it exists and differs."""
        spanish = active_language() == "es"
        other, code = (self.title, "en") if spanish else (self.title_es, "es")
        if other and other != self.localized.title:
            return {"text": other, "lang": code}
        return None

    def when_note(self):
        """The book's own wording of when (English), unless it only repeats the date shown."""
        label = self.when_label.strip()

        def plain(text):
            return text.replace("–", "-").replace(" ", "").casefold().removeprefix("in")

        with translation.override("en"):
            when = self.when
        return label if label and plain(label) != plain(when) else ""

    @property
    def when(self):
        """The date with the precision the book gives: '2018', 'April 2018', 'June 6, 2021', '2010–2021'."""
        return format_when(
            self.start_year, self.start_month, self.start_day, self.end_year, self.end_month, self.end_day
        )


def format_when(year, month=None, day=None, end_year=None, end_month=None, end_day=None):
    def one(y, m, d):
        if not y:
            return ""
        if m and d:
            return str(_("%(month)s %(day)s, %(year)s") % {"month": MONTHS[m], "day": d, "year": y})
        if m:
            return str(_("%(month)s %(year)s") % {"month": MONTHS[m], "year": y})
        return str(y)

    start = one(year, month, day)
    end = one(end_year, end_month, end_day)
    if end and end != start:
        return f"{start}–{end}"
    return start


class KeyFigureQuerySet(LiveQuerySet):
    def in_area(self, area):
        return self.filter(area=area)

    def for_listing(self):
        """Grouped by area in area order, each with what its links need (initiative, book section)."""
        return self.select_related("area", "initiative", "chapter").order_by(
            "area__order", "area__name", "area_id", "book_order", "label"
        )


class KeyFigure(SlugAndOrderMixin, PublicRecord, SearchTextMixin, BookSectionLink, models.Model):
    """A number the book reports, with the book's own words as its source."""

    listing_url_name = "figures"
    listing_title = _("The book in numbers")
    detail_template = "diplomacy/figure_preview.html"
    nav_section = "figures"
    search_group = "figures"
    chapter_item_template = "diplomacy/components/figure_section_item.html"
    record_order = 60
    export_name = "figures"
    export_title = _("Key figures")
    export_description = _(
        "The numbers the book reports: one row each, with what is counted, its unit and the book's words."
    )
    export_filename = "peru-foreign-policy-figures"

    slug_source = "label"

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        MORE_THAN = "more_than", _("more than")
        APPROXIMATELY = "approximately", _("about")

    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Used in links to this figure. Leave empty to make one from the label."),
    )
    label = models.CharField(max_length=300, help_text=_("What is counted, e.g. 'Peruvians repatriated'."))
    label_es = models.CharField(_("label (Spanish)"), max_length=300, blank=True, help_text=_("The same in Spanish."))
    value = models.DecimalField(max_digits=20, decimal_places=2, help_text=_("The number itself, without separators."))
    qualifier = models.CharField(
        max_length=20,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text=_("Does the book give it exactly, as a minimum, or roughly?"),
    )
    unit = models.CharField(max_length=40, blank=True, help_text=_("e.g. 'people', 'USD', '%'."))
    unit_es = models.CharField(_("unit (Spanish)"), max_length=40, blank=True, help_text=_("The unit in Spanish."))
    period_label = models.CharField(
        _("period, in the book's words"),
        max_length=120,
        blank=True,
        help_text=_("When it applies, in the book's words, e.g. 'first quarter of 2020'."),
    )
    period_label_es = models.CharField(
        _("period, in the book's words (Spanish)"),
        max_length=120,
        blank=True,
        help_text=_("The same words in Spanish, e.g. 'primer trimestre de 2020'."),
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("The year it refers to, if one."))
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="figures", help_text=_("The area of diplomacy.")
    )
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
        help_text=_("The initiative it measures, if any."),
    )
    details = models.TextField(blank=True, help_text=_("A breakdown or list, e.g. the regions of the centres."))
    details_es = models.TextField(_("details (Spanish)"), blank=True, help_text=_("The same in Spanish."))
    source_text = models.TextField(_("the book's words"), help_text=_("The book's exact words containing the number."))
    notes = models.TextField(blank=True, help_text=_("Caveats, e.g. when the book's list and count differ."))
    source_text_es = models.TextField(
        _("the book's words (our Spanish translation)"),
        blank=True,
        help_text=_("Our Spanish translation of the book's words (the portal's, shown as such: not the book's)."),
    )
    notes_es = models.TextField(_("notes (Spanish)"), blank=True, help_text=_("The same notes in Spanish."))
    book_order = models.PositiveSmallIntegerField(
        _("position in the book"), default=0, help_text=_("Order of appearance in the book.")
    )

    objects = KeyFigureQuerySet.as_manager()

    search_fields = [
        index.SearchField("label", boost=3),
        index.SearchField("label_es", boost=3),
        index.SearchField("details"),
        index.SearchField("source_text"),
        index.AutocompleteField("label"),
        index.AutocompleteField("label_es"),
        # What the admin listing filters and sorts by, also while searching.
        index.FilterField("label"),
        index.FilterField("value"),
        index.FilterField("unit"),
        index.FilterField("area"),
        index.FilterField("period_label"),
        index.FilterField("qualifier"),
        index.FilterField("year"),
        index.FilterField("book_order"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["book_order", "label"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self):
        return f"{self.display_value} {self.unit} — {self.label}".strip()

    def public_title(self):
        """'16th — Foreign Ministry's place worldwide…', '12 offices — Decentralized offices…'."""
        number = " ".join(part for part in (self.amount, self.unit_words) if part)
        return f"{number} — {self.localized.label}"

    def search_excerpt(self):
        return self.localized.source_text

    def searchable_parts(self):
        return [
            self.label,
            self.label_es,
            self.unit,
            self.unit_es,
            self.period_label,
            self.period_label_es,
            self.details,
            self.details_es,
            self.source_text,
            self.source_text_es,
        ]

    def search_context(self):
        return self.localized.period_label

    @classmethod
    def export_queryset(cls):
        """In the order of the book in numbers: by area."""
        return cls.objects.live().for_listing()

    @classmethod
    def export_columns(cls):
        return [
            slug_column(),
            Column("label", description=_("What is counted."), localized=True),
            Column("value", "number", _("The number itself.")),
            *coded_columns(
                "qualifier", cls.Qualifier, _("Whether the book gives it exactly, as a minimum or roughly.")
            ),
            Column("unit", description=_("The unit, e.g. people or USD."), localized=True),
            Column("period_label", description=_("When it applies, in the book's words."), localized=True),
            Column("year", "integer", _("The year it refers to, if one.")),
            *area_columns(),
            Column(
                "initiative",
                description=_("The slug of the initiative it measures, if any (see the initiatives file)."),
                references="initiatives",
                value=lambda figure, request: (
                    figure.initiative.slug if figure.initiative and figure.initiative.live else ""
                ),
            ),
            Column("details", description=_("A breakdown or list, where the book gives one."), localized=True),
            Column("notes", description=_("Caveats, e.g. when the book's list and count differ."), localized=True),
            *book_words_columns(),
            *book_section_columns(),
            record_url_column(_("The figure on the portal's page of the book in numbers, in the file's language.")),
        ]

    @property
    def in_words(self):
        """'433 million' when the value is a whole number of millions, else ''."""
        value = self.value
        if value is None or value < 1_000_000 or value % 1_000_000:
            return ""
        millions = int(value // 1_000_000)
        return ngettext("%(value)s million", "%(value)s million", millions) % {
            "value": number_format(millions, force_grouping=True)
        }

    @property
    def display_value(self):
        return figure_wording.formatted_number(self.value)

    # The figure counting the entries of the ranking this one places Peru in ("16th of 50"), set by
    # the page that shows both (diplomacy.figure_charts); no schema holds it.
    ranked_among = None

    @property
    def amount(self):
        """The number as it reads: '16th', '90%', 'USD 89,790,324', '35,000'."""
        return figure_wording.amount(self)

    @property
    def unit_words(self):
        """What follows the number: the unit in the number's singular or plural, 'of 50 ministries'."""
        return figure_wording.unit_words(self)

    def get_absolute_url(self):
        return reverse("figures") + f"#{self.slug}"
