"""The public filters of the initiatives listing. Parameter names are public URLs: never rename them.
The form's shared fields (words, status, country, years, sort) come in the agreements listing's
order, with its labels."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

import django_filters

from agreements.filters import countries_among, country_options
from agreements.models import Partner
from portal.caching.version import memoized
from portal.foundations.i18n import active_language
from portal.foundations.listing import (
    CountryFilter,
    LazyChoices,
    ListingChoiceFilter,
    ListingFilterSet,
    SortFilter,
    TextSearchFilter,
    YearFilter,
    shown,
)

from .models import Area, Initiative, InitiativeStatus

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class SlugChoiceField(forms.ChoiceField):
    """A select whose options are read only when the form is shown. Any well-formed slug is accepted
    without a query: an unknown one simply matches nothing. ``invalid_message`` takes ``%(value)s``."""

    def __init__(self, *args, max_length=80, invalid_message=None, **kwargs):
        self.max_length = max_length
        self.invalid_message = invalid_message or _("“%(value)s” is not one of the choices: choose one from the list.")
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().lower()

    def validate(self, value):
        super().validate(value)
        if value and (len(value) > self.max_length or not SLUG.fullmatch(value)):
            raise forms.ValidationError(self.invalid_message, code="invalid_choice", params={"value": shown(value)})

    def valid_value(self, value):
        # Checked in validate() without reading the options.
        return True


class SlugChoiceFilter(django_filters.CharFilter):
    field_class = SlugChoiceField


class InitiativeListingFilterSet(ListingFilterSet):
    """Filters for /initiatives/."""

    q = TextSearchFilter(help_text=_("In the title, description, outcomes or a partner's name."))
    status = ListingChoiceFilter(
        label=_("Status"),
        choices=InitiativeStatus.choices,
        empty_label=_("Any status"),
        invalid_message=_("“%(value)s” is not a status: choose %(choices)s."),
    )
    area = SlugChoiceFilter(
        label=_("Area of diplomacy"),
        method="filter_area",
        invalid_message=_("“%(value)s” is not an area of diplomacy: choose one from the list."),
    )
    country = CountryFilter()
    organization = SlugChoiceFilter(
        label=_("Bloc or organization"),
        method="filter_organization",
        invalid_message=_("“%(value)s” is not a bloc or organization: choose one from the list."),
    )
    year_from = YearFilter(label=_("From year"), method="filter_year_from")
    year_to = YearFilter(label=_("To year"), method="filter_year_to")
    # The listing's own order is the first choice, "year": no empty option.
    sort = SortFilter(empty_label=None)

    class Meta(ListingFilterSet.Meta):
        model = Initiative
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["area"].extra["choices"] = LazyChoices(area_options, _("All areas"))
        self.filters["country"].extra["choices"] = LazyChoices(initiative_country_options, _("Any country"))
        self.filters["organization"].extra["choices"] = LazyChoices(organization_options, _("Any bloc or organization"))

    def filter_area(self, qs, name, value):
        return qs.in_area(value)

    def filter_organization(self, qs, name, value):
        return qs.with_organization(value)

    def filter_year_from(self, qs, name, value):
        return qs.overlapping(year_from=value)

    def filter_year_to(self, qs, name, value):
        return qs.overlapping(year_to=value)


def area_options():
    return memoized(f"area-options:{active_language()}", _area_options)


def organization_options():
    return memoized(f"organization-options:{active_language()}", _organization_options)


def initiative_country_options():
    """The countries of the initiatives listing's select: those a published initiative involves."""
    return memoized(f"initiative-country-options:{active_language()}", _initiative_country_options)


def _area_options():
    return [(area.slug, area.localized.name) for area in Area.objects.live().order_by("order", "name")]


def _organization_options():
    """Blocs and organizations that take part in at least one published initiative."""
    groupings = Partner.objects.live().groupings().filter(initiatives__live=True).distinct().order_by("name")
    return [(partner.slug, _organization_label(partner)) for partner in groupings]


def _initiative_country_options():
    partners = Initiative.partners.through.objects.filter(initiative__live=True).values("partner_id")
    return country_options(countries_among(partners))


def _organization_label(partner):
    name, short = partner.localized.name, partner.localized.short_name
    return f"{name} ({short})" if short and short != name else name
