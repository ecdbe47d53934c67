"""Peru's trade agreements, its partners (countries, blocs, organizations) and its strategic
partnerships, as the book reports them and as editors keep them current."""

from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from portal.editing import EditorialMixin, SlugAndOrderMixin
from portal.i18n import localized
from portal.models import BookSectionLink


class Region(models.TextChoices):
    AMERICAS = "americas", _("Americas")
    EUROPE = "europe", _("Europe")
    ASIA = "asia", _("Asia")
    EURASIA = "eurasia", _("Eurasia")
    MIDDLE_EAST = "middle_east", _("Middle East")
    AFRICA = "africa", _("Africa")
    OCEANIA = "oceania", _("Oceania")


class PartnerQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def countries(self):
        return self.filter(kind=Partner.Kind.COUNTRY)

    def groupings(self):
        return self.exclude(kind=Partner.Kind.COUNTRY)

    def including_country(self, code):
        """The country itself and every bloc or organization it is a member of."""
        return self.filter(Q(code=code) | Q(members__code=code)).distinct()


class Partner(EditorialMixin, ClusterableModel):
    """A country, or a bloc or organization with its member countries."""

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
    name_es = models.CharField(max_length=200, blank=True, help_text=_("The Spanish name, e.g. 'Japón'."))
    short_name = models.CharField(
        max_length=40, blank=True, help_text=_("An acronym for blocs and organizations, e.g. 'EFTA'.")
    )
    short_name_es = models.CharField(
        max_length=40, blank=True, help_text=_("The Spanish acronym where it differs, e.g. 'AELC'.")
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

    objects = PartnerQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("name_es", boost=3),
        index.SearchField("short_name", boost=2),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("region"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="unique_partner_iso_code"),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    @property
    def is_country(self):
        return self.kind == self.Kind.COUNTRY

    @property
    def display_name(self):
        return localized(self, "name")

    @property
    def display_short_name(self):
        return localized(self, "short_name")

    def get_absolute_url(self):
        return reverse("partner_detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "agreements/partner_detail.html"

    def get_preview_context(self, request, mode_name):
        from .views import partner_context

        return partner_context(self, request)


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


class AgreementQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def with_years(self):
        """Annotate ``year`` (the book's year, else entry into force, else signature) and
        ``year_last`` (the end of a span such as 2006-2010)."""
        year = Coalesce("book_year_start", ExtractYear("entered_into_force_on"), ExtractYear("signed_on"))
        return self.annotate(year=year, year_last=Coalesce("book_year_end", year))

    def with_status(self, status):
        return self.filter(status=status)

    def involving(self, code):
        """Agreements where the country is a party directly or through a bloc it belongs to."""
        return self.filter(Q(parties__code=code) | Q(parties__members__code=code)).distinct()

    def with_partner(self, partner):
        """A country's agreements directly or through its blocs; a bloc's own agreements."""
        return self.involving(partner.code) if partner.code else self.filter(parties=partner)

    def sharing_partners(self, party_ids, codes):
        """Agreements with one of these parties, or a party (or bloc member) with one of these codes."""
        common = Q(parties__in=party_ids) | Q(parties__code__in=codes) | Q(parties__members__code__in=codes)
        # A subquery rather than joins and DISTINCT: one row per agreement, which a window count needs.
        return self.filter(pk__in=Agreement.objects.filter(common).values("pk"))

    def in_region(self, region):
        return self.filter(Q(parties__region=region) | Q(parties__members__region=region)).distinct()

    def with_parties(self):
        live_partners = Partner.objects.live().order_by("name")
        return self.prefetch_related(Prefetch("parties", queryset=live_partners))

    def by_book_order(self):
        return self.order_by("book_order", "title")


class Agreement(SlugAndOrderMixin, EditorialMixin, BookSectionLink, ClusterableModel):
    """A trade agreement Peru is party to or negotiating."""

    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text=_(
            "Used in the agreement's web address. Leave empty to make one from the title; never change it once published."
        ),
    )
    title = models.CharField(max_length=300, help_text=_("The agreement's full English title."))
    title_es = models.CharField(max_length=300, blank=True, help_text=_("Its official Spanish name, where known."))
    short_name = models.CharField(max_length=60, blank=True, help_text=_("An acronym or short form, e.g. 'ACE 58'."))
    kind = models.CharField(max_length=40, choices=AgreementKind.choices, help_text=_("What type of agreement it is."))
    status = models.CharField(
        _("current status"),
        max_length=20,
        choices=AgreementStatus.choices,
        help_text=_("Where the agreement stands today. Update it when it changes, and set 'last verified on'."),
    )
    signed_on = models.DateField(null=True, blank=True, help_text=_("Date of signature, when known."))
    entered_into_force_on = models.DateField(
        null=True, blank=True, help_text=_("Date it entered into force for Peru, when known.")
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
    parties = ParentalManyToManyField(
        Partner, related_name="agreements", blank=True, help_text=_("Peru's counterparts: countries or blocs.")
    )
    description = models.TextField(help_text=_("Two or three plain sentences on what the agreement is."))
    description_es = models.TextField(blank=True, help_text=_("The same description in Spanish."))
    notes = models.TextField(blank=True, help_text=_("Sources, caveats and how the book's wording was read."))
    source_text = models.TextField(blank=True, help_text=_("The book's own words about this agreement."))
    book_order = models.PositiveSmallIntegerField(default=0, help_text=_("Position in the book's list."))
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
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("live"),
        index.RelatedFields("parties", [index.SearchField("name"), index.SearchField("name_es")]),
    ]

    class Meta:
        ordering = ["book_order", "title"]
        verbose_name = _("trade agreement")

    def __str__(self):
        return self.title

    @property
    def display_title(self):
        return localized(self, "title")

    @property
    def display_description(self):
        return localized(self, "description")

    @property
    def book_years(self):
        if self.book_years_label:
            return self.book_years_label
        if self.book_year_start and self.book_year_end:
            return f"{self.book_year_start}-{self.book_year_end}"
        return str(self.book_year_start or "")

    @property
    def differs_from_book(self):
        return bool(self.book_status) and self.status != self.book_status

    def get_absolute_url(self):
        return reverse("agreement_detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "agreements/agreement_detail.html"

    def get_preview_context(self, request, mode_name):
        from .views import agreement_context

        return agreement_context(self, request)


class PartnershipQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)


class Partnership(SlugAndOrderMixin, EditorialMixin, BookSectionLink, models.Model):
    """A strategic partnership or another bilateral mechanism of political dialogue."""

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
        null=True, blank=True, help_text=_("The year it was formed (the first, for a span).")
    )
    year_end = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("For one built over several years: the last year.")
    )
    years_label = models.CharField(
        max_length=80, blank=True, help_text=_("The book's wording, e.g. 'between 2014 and 2016'.")
    )
    description = models.TextField(help_text=_("One or two plain sentences."))
    description_es = models.TextField(blank=True, help_text=_("The same in Spanish."))
    notes = models.TextField(blank=True, help_text=_("Sources and caveats."))
    source_text = models.TextField(blank=True, help_text=_("The book's own words."))
    book_order = models.PositiveSmallIntegerField(default=0, help_text=_("Position in the book's list."))

    objects = PartnershipQuerySet.as_manager()

    search_fields = [
        index.SearchField("description"),
        index.SearchField("description_es"),
        index.RelatedFields("partner", [index.SearchField("name"), index.SearchField("name_es")]),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["year_start", "book_order"]
        verbose_name = _("strategic partnership")

    def __str__(self):
        return f"{self.partner.name}: {self.get_kind_display()}"

    @property
    def display_description(self):
        return localized(self, "description")

    @property
    def years(self):
        if self.year_start and self.year_end and self.year_end != self.year_start:
            return f"{self.year_start}–{self.year_end}"
        return str(self.year_start or "")

    def get_absolute_url(self):
        return reverse("partner_detail", kwargs={"slug": self.partner.slug})

    def get_preview_template(self, request, mode_name):
        return "agreements/partnership_preview.html"
