"""Peru's trade agreements, its partners (countries, blocs, organizations) and its strategic
partnerships, as the book reports them and as editors keep them current."""

import datetime
from functools import cached_property
from urllib.parse import urlencode

from django.db import models
from django.db.models import Count, F, Prefetch, Q, Window, prefetch_related_objects
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.search import index

from portal.foundations.book_links import BookSectionLink, SectionRecords, book_section_columns
from portal.foundations.folding import SearchTextMixin
from portal.foundations.history import change_history
from portal.foundations.listing import TitleOrderMixin
from portal.foundations.navigation import breadcrumbs
from portal.foundations.records import (
    Column,
    LiveQuerySet,
    PublicRecord,
    SlugAndOrderMixin,
    book_words_columns,
    coded_columns,
    record_url,
    record_url_column,
    slug_column,
)

# Peru is a party to everything here (TISA names it, blocs list it as a member): it never makes
# two agreements "related".
PERU = "PE"


class Region(models.TextChoices):
    AMERICAS = "americas", _("Americas")
    EUROPE = "europe", _("Europe")
    ASIA = "asia", _("Asia")
    EURASIA = "eurasia", _("Eurasia")
    MIDDLE_EAST = "middle_east", _("Middle East")
    AFRICA = "africa", _("Africa")
    OCEANIA = "oceania", _("Oceania")


class PartnerQuerySet(LiveQuerySet):
    def countries(self):
        return self.filter(kind=Partner.Kind.COUNTRY)

    def groupings(self):
        return self.exclude(kind=Partner.Kind.COUNTRY)

    def including_country(self, code):
        """The country itself and every bloc or organization it is a published member of."""
        return self.filter(Q(code=code) | Q(members__code=code, members__live=True)).distinct()

    def involving(self, code):
        """For the country filter (``CountryFilter``): the country and its blocs."""
        return self.including_country(code)

    def in_region(self, region):
        """Partners of the region, and blocs with a published member there."""
        return self.filter(Q(region=region) | Q(members__region=region, members__live=True)).distinct()

    def for_page(self):
        """What a partner's page shows of its members and blocs: the live ones, by name."""
        live = Partner.objects.live().order_by("name")
        return self.prefetch_related(Prefetch("members", queryset=live), Prefetch("groupings", queryset=live))


def live_related(records):
    """The live ones among related records (a prefetch of live rows already holds only those)."""
    return [record for record in records if record.live]


def names_of(partners):
    return [partner.localized.name for partner in partners]


def iso_codes_of(partners):
    """The ISO 3166-1 alpha-2 codes of the countries among ``partners`` (blocs have none)."""
    return [partner.code for partner in partners if partner.is_country and partner.code]


def blocs_of(partners):
    """The slugs of the blocs and organizations among ``partners``."""
    return [partner.slug for partner in partners if not partner.is_country]


def partner_columns(key, description, blocs=True):
    """The columns of a list of partners: their names, the countries' ISO codes, the blocs' slugs."""
    columns = [
        Column(
            key, description=description, many=True, value=lambda record, request: names_of(getattr(record, key).all())
        ),
        Column(
            f"{key}_iso",
            description=_(
                "The ISO 3166-1 alpha-2 codes of the countries among them (blocs and organizations have none)."
            ),
            many=True,
            value=lambda record, request: iso_codes_of(getattr(record, key).all()),
        ),
    ]
    if blocs:
        columns.append(
            Column(
                f"{key}_blocs",
                description=_("The slugs of the blocs and organizations among them (see the partners file)."),
                many=True,
                references="partners",
                value=lambda record, request: blocs_of(getattr(record, key).all()),
            )
        )
    return columns


class Partner(PublicRecord, SearchTextMixin, ClusterableModel):
    """A country, or a bloc or organization with its member countries."""

    listing_url_name = "partner_list"
    listing_title = _("Partners")
    detail_url_name = "partner_detail"
    detail_template = "agreements/partner_detail.html"
    nav_section = "partners"
    search_group = "partners"
    record_order = 20
    export_name = "partners"
    export_title = _("Partners")
    export_description = _(
        "The countries, blocs and organizations the other files name: one row each, with the blocs' member countries."
    )
    export_filename = "peru-partners"
    export_filters = "agreements.filters.PartnerFilterSet"
    export_links = {"members": ("member", _("Members of blocs and organizations"))}

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        BLOC = "bloc", _("Trade or integration bloc")
        ORGANIZATION = "organization", _("International organization")

    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.COUNTRY, help_text=_("What kind of partner this is.")
    )
    slug = models.SlugField(
        max_length=80, unique=True, help_text=_("Used in the partner's web address, e.g. 'japan'. Set once.")
    )
    code = models.CharField(
        _("ISO code"),
        max_length=2,
        blank=True,
        help_text=_("For countries: the two-letter ISO 3166-1 code in capitals, e.g. JP. Empty for blocs."),
    )
    name = models.CharField(
        max_length=200, help_text=_("The English name, e.g. 'Japan' or 'European Free Trade Association'.")
    )
    name_es = models.CharField(
        _("name (Spanish)"), max_length=200, blank=True, help_text=_("The Spanish name, e.g. 'Japón'.")
    )
    short_name = models.CharField(
        max_length=40, blank=True, help_text=_("An acronym for blocs and organizations, e.g. 'EFTA'.")
    )
    short_name_es = models.CharField(
        _("short name (Spanish)"),
        max_length=40,
        blank=True,
        help_text=_("The Spanish acronym where it differs, e.g. 'AELC'."),
    )
    region = models.CharField(
        max_length=20,
        choices=Region.choices,
        blank=True,
        help_text=_("World region; leave empty for blocs spanning regions."),
    )
    members = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="groupings",
        limit_choices_to={"kind": "country"},
        help_text=_("For blocs and organizations: the member countries, where they are known."),
    )
    notes = models.TextField(blank=True, help_text=_("Sources and caveats, e.g. a member that joined after the book."))
    notes_es = models.TextField(_("notes (Spanish)"), blank=True, help_text=_("The same notes in Spanish."))

    objects = PartnerQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("name_es", boost=3),
        index.SearchField("short_name", boost=2),
        index.AutocompleteField("name"),
        index.AutocompleteField("name_es"),
        index.AutocompleteField("short_name"),
        index.AutocompleteField("code"),
        # What the admin listing filters and sorts by, also while searching.
        index.FilterField("name"),
        index.FilterField("short_name"),
        index.FilterField("code"),
        index.FilterField("kind"),
        index.FilterField("region"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="unique_partner_iso_code"),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    @property
    def is_country(self):
        return self.kind == self.Kind.COUNTRY

    def public_title(self):
        return self.localized.name

    def search_excerpt(self):
        return self.localized.notes or self.get_kind_display()

    def searchable_parts(self):
        return [
            self.name,
            self.name_es,
            self.short_name,
            self.short_name_es,
            self.code,
            self.notes,
            self.notes_es,
        ]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The listings' word filter matches records by their live partners' names.
        for related in (self.agreements, self.initiatives):
            SearchTextMixin.refresh_search_text_of(related.all())

    def search_context(self):
        return self.get_kind_display()

    @classmethod
    def export_queryset(cls):
        return cls.objects.live().for_page().order_by("name", "pk")

    @classmethod
    def export_columns(cls):
        return [
            slug_column(),
            Column("name", description=_("Its name."), localized=True),
            Column("short_name", description=_("Its acronym or short name, if any."), localized=True),
            *coded_columns("kind", cls.Kind, _("What kind of partner it is.")),
            Column(
                "iso_code",
                description=_("For countries: the ISO 3166-1 alpha-2 code. Empty for blocs and organizations."),
                value=lambda partner, request: partner.code if partner.is_country else "",
            ),
            *coded_columns("region", Region, _("Its world region; empty for blocs spanning regions.")),
            *partner_columns(
                "members", _("For blocs and organizations: the names of their member countries."), blocs=False
            ),
            Column(
                "member_of",
                description=_("The slugs of the blocs and organizations it is a member of."),
                many=True,
                references="partners",
                value=lambda partner, request: [bloc.slug for bloc in partner.groupings.all()],
            ),
            Column("notes", description=_("Sources and caveats."), localized=True),
            record_url_column(),
        ]

    def get_context(self, request):
        """Everything Peru has with this country or bloc (also the preview of an unsaved partner)."""
        saved = self.pk is not None
        groupings = [g for g in self.groupings.all() if g.live] if saved else []
        direct, through = [], []
        if saved:
            grouping_ids = {g.pk for g in groupings}
            for agreement in Agreement.objects.live().with_partner(self).with_years().with_parties().by_book_order():
                parties = list(agreement.parties.all())
                if any(p.pk == self.pk for p in parties):
                    direct.append(agreement)
                else:
                    through.append((agreement, [p for p in parties if p.pk in grouping_ids]))
        return {
            **super().get_context(request),
            "members": [m for m in self.members.all() if m.live],
            "groupings": groupings,
            "direct_agreements": direct,
            "through_agreements": through,
            "partnerships": list(self.partnerships.live().select_related("chapter").chronological()) if saved else [],
            "initiatives": list(self.initiatives.live().chronological()) if saved else [],
        }


class AgreementKind(models.TextChoices):
    REGIONAL_INTEGRATION = "regional_integration", _("Regional integration")
    MULTILATERAL = "multilateral", _("Multilateral or plurilateral agreement")
    ECONOMIC_COMPLEMENTATION = "economic_complementation", _("Economic complementation agreement")
    FREE_TRADE = "free_trade", _("Free trade agreement")
    TRADE_PROMOTION = "trade_promotion", _("Trade promotion agreement")
    MULTIPARTY = "multiparty", _("Multiparty trade agreement")
    TRADE_INTEGRATION = "trade_integration", _("Trade integration agreement")
    ECONOMIC_PARTNERSHIP = "economic_partnership", _("Economic partnership agreement")
    PARTIAL_SCOPE = "partial_scope", _("Partial scope agreement")
    FRAMEWORK_PROTOCOL = "framework_protocol", _("Protocol to a framework agreement")
    TRADE_CONTINUITY = "trade_continuity", _("Trade continuity agreement")
    DEEPENING = "deepening", _("Economic and commercial deepening agreement")
    SERVICES = "services", _("Trade in services agreement")


class AgreementStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    SIGNED = "signed", _("Signed, about to enter into force")
    NEGOTIATING = "negotiating", _("Under negotiation")


# An agreement whose status nobody has checked for this long is flagged for verification (the admin
# dashboard and the admin listing's "verification" filter, whose value this is).
VERIFY_EVERY = datetime.timedelta(days=365)
NOT_VERIFIED_RECENTLY = "stale"

# An agreement's year: the book's year, else its entry into force, else its signature.
YEAR = Coalesce("book_year_start", ExtractYear("entered_into_force_on"), ExtractYear("signed_on"))


class AgreementQuerySet(TitleOrderMixin, LiveQuerySet):
    def with_years(self):
        """Annotate ``year`` (see YEAR) and ``year_last`` (the end of a span such as 2006-2010)."""
        return self.annotate(year=YEAR, year_last=Coalesce("book_year_end", YEAR))

    def chronological(self):
        return self.order_by(YEAR.asc(nulls_last=True), "book_order", "title")

    def reverse_chronological(self):
        return self.order_by(YEAR.desc(nulls_last=True), "book_order", "title")

    def in_book_list(self, status):
        """The agreements the book lists under ``status`` (its own heading), whatever they are today."""
        return self.filter(book_status=status)

    def with_parties_among(self, partners):
        """Agreements with a party in ``partners`` (a queryset): a subquery, so one row per agreement
        and no DISTINCT."""
        links = Agreement.parties.through.objects.filter(partner__in=partners.values("pk"))
        return self.filter(pk__in=links.values("agreement_id"))

    def involving(self, code):
        """Agreements where the country is a published party directly or through a published bloc it
        belongs to (a draft partner never matches)."""
        return self.with_parties_among(Partner.objects.live().including_country(code))

    def with_partner(self, partner):
        """A country's agreements directly or through its blocs; a bloc's own agreements."""
        return self.involving(partner.code) if partner.code else self.filter(parties=partner)

    def sharing_partners(self, party_ids, codes):
        """Agreements with one of these parties, or a published party (or bloc member) with one of
        these codes."""
        partners = Partner.objects.live().filter(
            Q(pk__in=party_ids) | Q(code__in=codes) | Q(members__code__in=codes, members__live=True)
        )
        return self.with_parties_among(partners)

    def first_with_total(self, limit):
        """SectionRecords of the first ``limit`` rows with the count of all, in one query (a window
        count is taken before the limit)."""
        first = list(self.annotate(in_all=Window(Count("pk")))[:limit])
        return SectionRecords(first, first[0].in_all if first else 0)

    def in_region(self, region):
        return self.with_parties_among(Partner.objects.live().in_region(region))

    def with_parties(self):
        live_partners = Partner.objects.live().order_by("name")
        return self.prefetch_related(Prefetch("parties", queryset=live_partners))

    def by_book_order(self):
        return self.order_by("book_order", "title")

    def not_verified_recently(self):
        """Never verified, or last verified more than VERIFY_EVERY ago."""
        verified_after = timezone.localdate() - VERIFY_EVERY
        return self.filter(Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=verified_after))


class Agreement(SlugAndOrderMixin, PublicRecord, SearchTextMixin, BookSectionLink, ClusterableModel):
    """A trade agreement Peru is party to or negotiating."""

    listing_url_name = "agreement_list"
    detail_url_name = "agreement_detail"
    detail_template = "agreements/agreement_detail.html"
    nav_section = "agreements"
    search_group = "agreements"
    chapter_item_template = "agreements/components/agreement_section_item.html"
    record_order = 10
    export_name = "agreements"
    export_title = _("Trade agreements")
    export_description = _(
        "Peru's trade agreements in force, signed or under negotiation: one row each, with the book's status and years and today's status and dates."
    )
    export_filename = "peru-trade-agreements"
    export_filters = "agreements.filters.AgreementListingFilterSet"
    export_links = {"parties": ("partner", _("Trade agreements and their parties"))}
    # Fields whose changes the public change history reports.
    tracked_fields = ["status", "signed_on", "entered_into_force_on", "last_verified_on"]
    # Other agreements with the same partners shown on its page; the rest are in the listing.
    related_shown = 30

    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text=_(
            "Used in the agreement's web address. Leave empty to make one from the title; never change it once published."
        ),
    )
    title = models.CharField(max_length=300, help_text=_("The agreement's full English title."))
    title_es = models.CharField(
        _("title (Spanish)"), max_length=300, blank=True, help_text=_("Its official Spanish name, where known.")
    )
    short_name = models.CharField(max_length=60, blank=True, help_text=_("An acronym or short form, e.g. 'ACE 58'."))
    short_name_es = models.CharField(
        _("short name (Spanish)"),
        max_length=60,
        blank=True,
        help_text=_("The Spanish short form where it differs, e.g. 'OMC' for 'WTO'."),
    )
    kind = models.CharField(max_length=40, choices=AgreementKind.choices, help_text=_("What type of agreement it is."))
    status = models.CharField(
        _("current status"),
        max_length=20,
        choices=AgreementStatus.choices,
        help_text=_("Where the agreement stands today. Update it when it changes, and set 'last verified on'."),
    )
    signed_on = models.DateField(null=True, blank=True, help_text=_("Date of signature, when known."))
    entered_into_force_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("Date it entered into force for Peru, when known."),
    )
    dates_source = models.CharField(
        _("source of the dates"),
        max_length=300,
        blank=True,
        help_text=_("Where the dates of signature and entry into force come from, e.g. 'Mincetur; WTO RTA database'."),
    )
    last_verified_on = models.DateField(
        null=True, blank=True, help_text=_("The day you last checked the status and dates against an official source.")
    )
    book_status = models.CharField(
        _("status in the book"),
        max_length=20,
        choices=AgreementStatus.choices,
        blank=True,
        help_text=_("The status the book reports (2022). Fixed: comes from the book, not edited."),
    )
    book_year_start = models.PositiveSmallIntegerField(
        _("year in the book"), null=True, blank=True, help_text=_("The year the book gives. Fixed.")
    )
    book_year_end = models.PositiveSmallIntegerField(
        _("end year in the book"),
        null=True,
        blank=True,
        help_text=_("For spans such as 2006-2010: the last year. Fixed."),
    )
    book_years_label = models.CharField(
        _("years as the book words them"), max_length=120, blank=True, help_text=_("The book's own wording. Fixed.")
    )
    book_years_label_es = models.CharField(
        _("years as the book words them (Spanish)"),
        max_length=120,
        blank=True,
        help_text=_("Our Spanish rendering of the book's wording."),
    )
    parties = ParentalManyToManyField(
        Partner, related_name="agreements", blank=True, help_text=_("Peru's counterparts: countries or blocs.")
    )
    description = models.TextField(help_text=_("Two or three plain sentences on what the agreement is."))
    description_es = models.TextField(
        _("description (Spanish)"), blank=True, help_text=_("The same description in Spanish.")
    )
    notes = models.TextField(blank=True, help_text=_("Sources, caveats and how the book's wording was read."))
    source_text = models.TextField(
        _("the book's words"), blank=True, help_text=_("The book's own words about this agreement.")
    )
    notes_es = models.TextField(_("notes (Spanish)"), blank=True, help_text=_("The same notes in Spanish."))
    source_text_es = models.TextField(
        _("the book's words (our Spanish translation)"),
        blank=True,
        help_text=_("Our Spanish translation of the book's words (the portal's, shown as such: not the book's)."),
    )
    book_order = models.PositiveSmallIntegerField(
        _("position in the book"), default=0, help_text=_("Position in the book's list.")
    )
    wto_rta_id = models.CharField(
        _("WTO RTA database id"),
        max_length=20,
        blank=True,
        help_text=_("Its id in the WTO's regional trade agreements database."),
    )
    sice_url = models.URLField(
        _("OAS SICE page"), blank=True, help_text=_("Its page on the OAS Foreign Trade Information System.")
    )
    official_text_url = models.URLField(
        _("official text"), blank=True, help_text=_("Where the official text can be read.")
    )

    objects = AgreementQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("title_es", boost=3),
        index.SearchField("short_name", boost=2),
        index.SearchField("description"),
        index.SearchField("description_es"),
        index.AutocompleteField("title"),
        index.AutocompleteField("title_es"),
        index.AutocompleteField("short_name"),
        # What the admin listing filters and sorts by, also while searching (the country and region
        # filters select by id).
        index.FilterField("id"),
        index.FilterField("title"),
        index.FilterField("short_name"),
        index.FilterField("book_order"),
        index.FilterField("book_year_start"),
        index.FilterField("last_verified_on"),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("live"),
        index.RelatedFields("parties", [index.SearchField("name"), index.SearchField("name_es")]),
    ]

    class Meta:
        ordering = ["book_order", "title"]
        verbose_name = _("trade agreement")
        verbose_name_plural = _("trade agreements")

    def __str__(self):
        return self.title

    def public_title(self):
        return self.localized.title

    def breadcrumbs(self):
        """Home › Agreements › the agreement: the listing as the menu names it."""
        return breadcrumbs((_("Agreements"), self.listing_url()), (self.public_title(), None))

    def search_excerpt(self):
        return self.localized.description

    def searchable_parts(self):
        parties = self.parties.filter(live=True).values_list("name", "name_es", "short_name", "short_name_es")
        own = [self.title, self.title_es, self.short_name, self.short_name_es, self.description, self.description_es]
        return own + [name for names in parties for name in names]

    def search_context(self):
        return self.get_status_display()

    @classmethod
    def export_queryset(cls):
        """As the listing reads them (its filters need ``with_years()``), with their live parties."""
        return cls.objects.live().with_years().with_parties().select_related("chapter").by_book_order()

    @classmethod
    def export_columns(cls):
        return [
            slug_column(),
            Column("title", description=_("The agreement's full title."), localized=True),
            Column("short_name", description=_("An acronym or short form, if any."), localized=True),
            *coded_columns("kind", AgreementKind, _("What type of agreement it is.")),
            *coded_columns("status", AgreementStatus, _("Where the agreement stands today.")),
            *coded_columns(
                "book_status",
                AgreementStatus,
                _("The status the book reports (2022); empty where it does not list it."),
            ),
            Column("book_year_start", "integer", _("The year the book gives (the first, for a span).")),
            Column("book_year_end", "integer", _("For a span such as 2006-2010: the last year the book gives.")),
            Column("book_years_label", description=_("The years as the book words them."), localized=True),
            Column("signed_on", "date", _("Date of signature (ISO 8601), when known.")),
            Column("entered_into_force_on", "date", _("Date it entered into force for Peru (ISO 8601), when known.")),
            Column("dates_source", description=_("Where the dates of signature and entry into force come from.")),
            Column("last_verified_on", "date", _("The day editors last checked the status and dates (ISO 8601).")),
            *partner_columns("parties", _("The names of Peru's counterparts: countries, blocs and organizations.")),
            Column("description", description=_("What the agreement is, in a few plain sentences."), localized=True),
            Column("notes", description=_("Sources, caveats and how the book's wording was read."), localized=True),
            *book_words_columns(),
            Column("wto_rta_id", description=_("Its id in the WTO's regional trade agreements database.")),
            Column("sice_url", description=_("Its page on the OAS Foreign Trade Information System."), url=True),
            Column("official_text_url", description=_("Where the official text can be read."), url=True),
            *book_section_columns(),
            record_url_column(),
        ]

    @property
    def book_years(self):
        """The book's years, in its words where it has some ('1969 (Free Trade Area for Goods, 2006)')."""
        return self._book_years(self.book_years_label)

    @property
    def book_years_es(self):
        return (
            self._book_years(self.book_years_label_es) if self.book_years_label_es or not self.book_years_label else ""
        )

    def _book_years(self, label):
        if label:
            return label
        if self.book_year_start and self.book_year_end:
            return f"{self.book_year_start}-{self.book_year_end}"
        return str(self.book_year_start or "")

    @property
    def differs_from_book(self):
        return bool(self.book_status) and self.status != self.book_status

    # What its page shows beyond its own fields. Each is read only when the page's content is rendered
    # (not when it comes from the fragment cache), and works for the preview of an unsaved draft, whose
    # parties are held in memory.
    @cached_property
    def parties_shown(self):
        """[(party, its live members if a bloc)] of the live parties: two queries (parties held in
        memory by a preview's form take precedence over what the prefetch reads)."""
        if self.pk:
            live = Partner.objects.live().order_by("name")
            prefetch_related_objects([self], Prefetch("parties", queryset=live.prefetch_related("members")))
        return [
            (party, [m for m in party.members.all() if m.live] if not party.is_country else [])
            for party in self.parties.all()
            if party.live
        ]

    @cached_property
    def initiatives_shown(self):
        return list(self.initiatives.live().chronological()) if self.pk else []

    @cached_property
    def related_agreements(self):
        """Other live agreements with a partner in common, directly or through a bloc's members (Japan's
        EPA relates to the CPTPP and TISA): the first ``related_shown`` and how many in all."""
        party_ids, codes = set(), set()
        for party, members in self.parties_shown:
            if party.code != PERU:
                party_ids.add(party.pk)
            codes.update([party.code] if party.code else [member.code for member in members if member.code])
        codes.discard(PERU)
        if not party_ids and not codes:
            return SectionRecords()
        queryset = Agreement.objects.live().sharing_partners(party_ids, codes).by_book_order()
        if self.pk:
            queryset = queryset.exclude(pk=self.pk)
        related = queryset.first_with_total(self.related_shown)
        related.listing_url = reverse("agreement_list")
        if len(codes) == 1:
            related.listing_url += "?" + urlencode({"country": next(iter(codes))})
        return related

    @cached_property
    def change_history(self):
        return change_history(self, self.tracked_fields) if self.pk else []


class PartnershipQuerySet(LiveQuerySet):
    def chronological(self):
        return self.order_by(F("year_start").asc(nulls_last=True), "book_order")


class Partnership(SlugAndOrderMixin, PublicRecord, BookSectionLink, models.Model):
    """A strategic partnership or another bilateral mechanism of political dialogue."""

    listing_url_name = "partnership_list"
    listing_title = _("Partnerships")
    detail_template = "agreements/partnership_preview.html"
    nav_section = "partnerships"
    chapter_item_template = "agreements/components/partnership_section_item.html"
    record_order = 30
    export_name = "partnerships"
    export_title = _("Strategic partnerships")
    export_description = _(
        "Peru's strategic partnerships and other mechanisms of political dialogue: one row each, with the partner and the years."
    )
    export_filename = "peru-strategic-partnerships"
    export_filters = "agreements.filters.PartnershipListingFilterSet"

    slug_source = staticmethod(lambda partnership: f"{partnership.partner.name} {partnership.get_kind_display()}")

    class Kind(models.TextChoices):
        STRATEGIC = "strategic_partnership", _("Strategic partnership")
        CONSULTATION = "consultation_mechanism", _("Bilateral consultation mechanism")
        GLOBAL_PARTNER = "global_partnership", _("Global partnership")

    class Status(models.TextChoices):
        ESTABLISHED = "established", _("Established")
        PROSPECTIVE = "prospective", _("Prospective")

    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used internally and in links. Leave empty to make one from the partner's name."),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="partnerships", help_text=_("The country or bloc.")
    )
    kind = models.CharField(
        max_length=30, choices=Kind.choices, default=Kind.STRATEGIC, help_text=_("What kind of relationship.")
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.ESTABLISHED,
        help_text=_("Established, or announced as coming."),
    )
    year_start = models.PositiveSmallIntegerField(
        _("first year"), null=True, blank=True, help_text=_("The year it was formed (the first, for a span).")
    )
    year_end = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, help_text=_("For one built over several years: the last year.")
    )
    years_label = models.CharField(
        _("years, in the book's words"),
        max_length=80,
        blank=True,
        help_text=_("The book's wording, e.g. 'between 2014 and 2016'."),
    )
    years_label_es = models.CharField(
        _("years, in the book's words (Spanish)"),
        max_length=80,
        blank=True,
        help_text=_("The same wording in Spanish, e.g. 'entre 2014 y 2016'."),
    )
    description = models.TextField(help_text=_("One or two plain sentences."))
    description_es = models.TextField(_("description (Spanish)"), blank=True, help_text=_("The same in Spanish."))
    notes = models.TextField(blank=True, help_text=_("Sources and caveats."))
    source_text = models.TextField(_("the book's words"), blank=True, help_text=_("The book's own words."))
    notes_es = models.TextField(_("notes (Spanish)"), blank=True, help_text=_("The same notes in Spanish."))
    source_text_es = models.TextField(
        _("the book's words (our Spanish translation)"),
        blank=True,
        help_text=_("Our Spanish translation of the book's words (the portal's, shown as such: not the book's)."),
    )
    book_order = models.PositiveSmallIntegerField(
        _("position in the book"), default=0, help_text=_("Position in the book's list.")
    )

    objects = PartnershipQuerySet.as_manager()

    search_fields = [
        index.SearchField("description"),
        index.SearchField("description_es"),
        index.RelatedFields(
            "partner",
            [
                index.SearchField("name"),
                index.SearchField("name_es"),
                index.AutocompleteField("name"),
                index.AutocompleteField("name_es"),
                index.FilterField("region"),
            ],
        ),
        index.AutocompleteField("years_label"),
        # What the admin listing filters and sorts by, also while searching.
        index.FilterField("partner"),
        index.FilterField("status"),
        index.FilterField("year_start"),
        index.FilterField("book_order"),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["year_start", "book_order"]
        verbose_name = _("strategic partnership")
        verbose_name_plural = _("strategic partnerships")

    def __str__(self):
        return f"{self.partner.name}: {self.get_kind_display()}"

    @classmethod
    def public_queryset(cls):
        return cls.objects.live().select_related("partner").chronological()

    def public_title(self):
        return f"{self.partner.localized.name}: {self.get_kind_display()}"

    @classmethod
    def export_queryset(cls):
        return cls.objects.live().select_related("partner", "chapter").chronological()

    @classmethod
    def export_columns(cls):
        def live_partner(partnership):
            return partnership.partner if partnership.partner.live else None

        return [
            slug_column(),
            Column(
                "partner",
                description=_(
                    "The slug of the country or bloc (see the partners file); empty while it is not published."
                ),
                references="partners",
                value=lambda partnership, request: getattr(live_partner(partnership), "slug", ""),
            ),
            Column(
                "partner_name",
                description=_("The name of the country or bloc."),
                value=lambda partnership, request: " ".join(names_of(filter(None, [live_partner(partnership)]))),
            ),
            Column(
                "partner_iso",
                description=_("The country's ISO 3166-1 alpha-2 code (empty for a bloc)."),
                value=lambda partnership, request: " ".join(iso_codes_of(filter(None, [live_partner(partnership)]))),
            ),
            *coded_columns("kind", cls.Kind, _("What kind of relationship it is.")),
            *coded_columns("status", cls.Status, _("Established, or announced as coming.")),
            Column("year_start", "integer", _("The year it was formed (the first, for a span).")),
            Column("year_end", "integer", _("For one built over several years: the last year.")),
            Column("years_label", description=_("The years as the book words them."), localized=True),
            Column("description", description=_("What it is, in one or two plain sentences."), localized=True),
            Column("notes", description=_("Sources and caveats."), localized=True),
            *book_words_columns(),
            *book_section_columns(),
            Column(
                "url",
                description=_("The partner's page on the portal, in the file's language."),
                url=True,
                value=lambda partnership, request: (
                    record_url(partnership, request) if live_partner(partnership) else ""
                ),
            ),
        ]

    @property
    def years(self):
        if self.year_start and self.year_end and self.year_end != self.year_start:
            return f"{self.year_start}–{self.year_end}"
        return str(self.year_start or "")

    @property
    def when(self):
        """When it was formed: the book's words ('between 2014 and 2016') where it has some, else the years."""
        return self.years_label or self.years

    @property
    def when_es(self):
        return self.years_label_es or ("" if self.years_label else self.years)

    def get_absolute_url(self):
        return self.partner.get_absolute_url()
