"""The public filters of the initiatives listing. Parameter names are public URLs: never rename them."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

import django_filters

from agreements.models import Partner
from portal.caching.version import memoized
from portal.foundations.i18n import active_language
from portal.foundations.listing import CountryFilter, ListingFilterSet, SortFilter, TextSearchFilter, YearFilter

from .models import Area, Initiative, InitiativeStatus

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z"


class SlugChoiceField(forms.ChoiceField):
    """A select whose options are read only when the form is shown. Any well-formed slug is accepted
    without a query: an unknown one simply matches nothing."""

    default_validators = [RegexValidator(SLUG_PATTERN, _("Choose one of the options."))]

    def __init__(self, *args, max_length=80, **kwargs):
        self.max_length = max_length
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().lower()

    def valid_value(self, value):
        return len(value) <= self.max_length


class SlugChoiceFilter(django_filters.CharFilter):
    field_class = SlugChoiceField


class LazyChoices:
    """Options read from the database once, the first time the form is shown or a label is needed.
    Forms deep-copy their fields; every copy shares this one list."""

    def __init__(self, load, empty_label):
        self.load, self.empty_label, self.cache = load, empty_label, None

    def __call__(self):
        if self.cache is None:
            self.cache = [("", self.empty_label), *self.load()]
        return self.cache

    def __deepcopy__(self, memo):
        return self


class InitiativeListingFilterSet(ListingFilterSet):
    """Filters for /initiatives/."""

    area = SlugChoiceFilter(label=_("Area of diplomacy"), method="filter_area")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=InitiativeStatus.choices, empty_label=_("Any status")
    )
    country = CountryFilter()
    organization = SlugChoiceFilter(label=_("Bloc or organization"), method="filter_organization")
    year_from = YearFilter(label=_("From year"), method="filter_year_from")
    year_to = YearFilter(label=_("To year"), method="filter_year_to")
    q = TextSearchFilter(help_text=_("In the title, description, outcomes or a partner's name."))
    # The listing's own order is the first choice, "year": no empty option.
    sort = SortFilter(empty_label=None)

    class Meta(ListingFilterSet.Meta):
        model = Initiative
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["area"].extra["choices"] = LazyChoices(area_options, _("All areas"))
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


def _area_options():
    return [(area.slug, area.localized.name) for area in Area.objects.live().order_by("order", "name")]


def _organization_options():
    """Blocs and organizations that take part in at least one published initiative."""
    groupings = Partner.objects.live().groupings().filter(initiatives__live=True).distinct().order_by("name")
    return [(partner.slug, _organization_label(partner)) for partner in groupings]


def _organization_label(partner):
    name, short = partner.localized.name, partner.localized.short_name
    return f"{name} ({short})" if short and short != name else name
