"""The public listings' filters. Parameter names are public URLs (and the exports' too): never
rename them. The listings' forms share their fields' order and labels: words, status, what the
listing is about, country, years, sort."""

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from portal.caching.version import memoized
from portal.foundations.folding import fold
from portal.foundations.i18n import active_language
from portal.foundations.listing import (
    CountryFilter,
    LazyChoices,
    ListingChoiceFilter,
    ListingFilterSet,
    SortFilter,
    TextSearchFilter,
    YearFilter,
)

from .models import PERU, Agreement, AgreementKind, AgreementStatus, Partner, Partnership, Region

STATUS_REFUSED = _("“%(value)s” is not a status: choose %(choices)s.")
REGION_REFUSED = _("“%(value)s” is not a region: choose %(choices)s.")


class AgreementListingFilterSet(ListingFilterSet):
    """Filters for /agreements/ and its exports. The queryset passed in must carry ``with_years()``."""

    q = TextSearchFilter(help_text=_("In the title, description or a party's name."))
    status = ListingChoiceFilter(
        choices=AgreementStatus.choices,
        label=_("Status"),
        empty_label=_("Any status"),
        help_text=_("Today's status, kept current by editors."),
        invalid_message=STATUS_REFUSED,
    )
    kind = ListingChoiceFilter(
        choices=AgreementKind.choices,
        label=_("Kind of agreement"),
        empty_label=_("Any kind"),
        invalid_message=_("“%(value)s” is not a kind of agreement: choose one from the list."),
    )
    country = CountryFilter()
    region = ListingChoiceFilter(
        choices=Region.choices,
        method="filter_region",
        label=_("Region"),
        empty_label=_("Any region"),
        invalid_message=REGION_REFUSED,
    )
    year_from = YearFilter(method="filter_year_from", label=_("From year"))
    year_to = YearFilter(method="filter_year_to", label=_("To year"))
    book_status = ListingChoiceFilter(
        choices=AgreementStatus.choices,
        label=_("Status in the book (2022)"),
        empty_label=_("Any status"),
        invalid_message=STATUS_REFUSED,
    )
    sort = SortFilter(empty_label=_("The book's order"))

    class Meta(ListingFilterSet.Meta):
        model = Agreement
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["country"].extra["choices"] = LazyChoices(agreement_country_options, _("Any country"))

    def filter_region(self, qs, name, value):
        return qs.in_region(value)

    # An agreement spans ``year``..``year_last`` (Thailand: 2006-2010); it matches when that span
    # overlaps the years asked for.
    def filter_year_from(self, qs, name, value):
        return qs.filter(year_last__gte=value)

    def filter_year_to(self, qs, name, value):
        return qs.filter(year__lte=value)


class PartnershipListingFilterSet(ListingFilterSet):
    """Filters for /partnerships/."""

    kind = ListingChoiceFilter(
        choices=Partnership.Kind.choices,
        label=_("Kind"),
        empty_label=_("Any kind"),
        invalid_message=_("“%(value)s” is not a kind of partnership: choose %(choices)s."),
    )
    region = ListingChoiceFilter(
        choices=Region.choices,
        field_name="partner__region",
        label=_("Partner's region"),
        empty_label=_("Any region"),
        invalid_message=REGION_REFUSED,
    )
    year_from = YearFilter(method="filter_year_from", label=_("From year"))
    year_to = YearFilter(method="filter_year_to", label=_("To year"))

    class Meta(ListingFilterSet.Meta):
        model = Partnership
        fields = []

    # Mexico's partnership was built "between 2014 and 2016": it matches any year range touching that span.
    def filter_year_from(self, qs, name, value):
        return qs.alias(year_last=Coalesce("year_end", "year_start")).filter(year_last__gte=value)

    def filter_year_to(self, qs, name, value):
        return qs.filter(year_start__lte=value)


class PartnerFilterSet(ListingFilterSet):
    """Filters of the partners' open data (they have no listing page): ``country`` (the country and
    the blocs it belongs to), ``region``, ``kind``."""

    country = CountryFilter()
    region = ListingChoiceFilter(
        choices=Region.choices,
        method="filter_region",
        label=_("Region"),
        empty_label=_("Any region"),
        invalid_message=REGION_REFUSED,
    )
    kind = ListingChoiceFilter(
        choices=Partner.Kind.choices,
        label=_("Kind"),
        empty_label=_("Any kind"),
        invalid_message=_("“%(value)s” is not a kind of partner: choose %(choices)s."),
    )

    class Meta(ListingFilterSet.Meta):
        model = Partner
        fields = []

    def filter_region(self, qs, name, value):
        return qs.in_region(value)


def countries_among(partner_ids):
    """The live countries a country filter can find among the partners ``partner_ids`` (a subquery of
    partner ids): those partners' countries and the live members of their live blocs. Two subqueries,
    so one row per country and no DISTINCT. Peru, a party to everything, is left out."""
    members = Partner.members.through.objects.filter(from_partner__in=partner_ids, from_partner__live=True)
    return (
        Partner.objects.live()
        .countries()
        .exclude(code__in=["", PERU])
        .filter(Q(pk__in=partner_ids) | Q(pk__in=members.values("to_partner_id")))
        .only("code", "name", "name_es", "region")
    )


def country_options(countries):
    """Grouped choices for a select: [(region, [(code, name)…])…] in the regions' order, each
    region's countries by their name in the reader's language (accents aside); countries without a
    region come last."""
    by_region = {}
    for country in countries:
        by_region.setdefault(country.region, []).append((country.code, country.localized.name))
    labels = [*Region.choices, ("", _("Other countries"))]
    return [
        (str(label), sorted(by_region[region], key=lambda option: fold(option[1])))
        for region, label in labels
        if region in by_region
    ]


def agreement_country_options():
    """The countries of the agreements listing's select: those a published agreement involves."""

    def build():
        parties = Agreement.parties.through.objects.filter(agreement__live=True).values("partner_id")
        return country_options(countries_among(parties))

    return memoized(f"agreement-country-options:{active_language()}", build)
