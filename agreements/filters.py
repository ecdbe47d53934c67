"""The public listings' filters. Parameter names are public URLs (and the exports' too): never
rename them."""

from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

import django_filters

from portal.foundations.listing import CountryFilter, ListingFilterSet, SortFilter, TextSearchFilter, YearFilter

from .models import Agreement, AgreementKind, AgreementStatus, Partner, Partnership, Region


class AgreementListingFilterSet(ListingFilterSet):
    """Filters for /agreements/ and its exports. The queryset passed in must carry ``with_years()``."""

    q = TextSearchFilter(help_text=_("In the title, description or a party's name."))
    status = django_filters.ChoiceFilter(
        choices=AgreementStatus.choices, label=_("Current status"), empty_label=_("Any status")
    )
    book_status = django_filters.ChoiceFilter(
        choices=AgreementStatus.choices, label=_("Status in the book (2022)"), empty_label=_("Any status")
    )
    kind = django_filters.ChoiceFilter(
        choices=AgreementKind.choices, label=_("Kind of agreement"), empty_label=_("Any kind")
    )
    country = CountryFilter()
    region = django_filters.ChoiceFilter(
        choices=Region.choices, method="filter_region", label=_("Region"), empty_label=_("Any region")
    )
    year_from = YearFilter(method="filter_year_from", label=_("From year"))
    year_to = YearFilter(method="filter_year_to", label=_("To year"))
    sort = SortFilter(empty_label=_("The book's order"))

    class Meta(ListingFilterSet.Meta):
        model = Agreement
        fields = []

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

    kind = django_filters.ChoiceFilter(choices=Partnership.Kind.choices, label=_("Kind"), empty_label=_("Any kind"))
    region = django_filters.ChoiceFilter(
        choices=Region.choices, field_name="partner__region", label=_("Partner's region"), empty_label=_("Any region")
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
    region = django_filters.ChoiceFilter(
        choices=Region.choices, method="filter_region", label=_("Region"), empty_label=_("Any region")
    )
    kind = django_filters.ChoiceFilter(choices=Partner.Kind.choices, label=_("Kind"), empty_label=_("Any kind"))

    class Meta(ListingFilterSet.Meta):
        model = Partner
        fields = []

    def filter_region(self, qs, name, value):
        return qs.in_region(value)
