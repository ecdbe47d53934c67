"""What every public listing shares: safe filters, pagination, and the list of active filters.

Bad input never raises. A value the form refuses is shown back beside its field with what was wrong
in plain words, and then no filter at all is applied: the listing, its files and its feeds show every
record rather than a selection the reader did not ask for (``ListingFilterSet.rejected``)."""

import re
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.forms.renderers import Jinja2
from django.utils.choices import flatten_choices
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

import django_filters
from django_filters.fields import ChoiceField as FilterChoiceField

from .folding import MAX_QUERY_LENGTH, MAX_TERMS, WORD, terms_of
from .i18n import active_language
from .navigation import absolute_url, breadcrumbs

MIN_YEAR, MAX_YEAR = 1800, 2200
# The book's 29 agreements fit on one page; so does most of any filtered listing.
PER_PAGE = 50
MAX_PAGE = 10**9
# Page links around the current page and at each end; the rest are one ellipsis each side.
PAGES_ON_EACH_SIDE, PAGES_ON_ENDS = 2, 1
# Error messages quote what was sent, cut to this length: a long value is not echoed in full.
SHOWN_LENGTH = 40
COUNTRY_CODE = re.compile(r"[A-Z]{2}")


def shown(value):
    """A submitted value as an error message quotes it: stripped and cut short."""
    text = str(value).strip()
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def choice_list(choices):
    """“In force”, “Signed” or “Under negotiation”: the labels of the non-empty choices."""
    return get_text_list([f"“{label}”" for value, label in flatten_choices(choices) if value != ""])


class YearField(forms.IntegerField):
    """A year typed as text, so that what was typed is shown back as it was (a number input shows
    nothing for "abc"), refused with a message that says what a year looks like."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6})
    default_error_messages = {
        "invalid": _("“%(value)s” is not a year: type a year such as 2015."),
        "out_of_range": _("“%(value)s” is not a year between %(min)s and %(max)s."),
    }

    def __init__(self, *args, min_value=None, max_value=None, **kwargs):
        # The range is checked in validate(), with a message of its own, not by Django's validators.
        super().__init__(*args, **kwargs)
        self.lowest, self.highest = min_value or MIN_YEAR, max_value or MAX_YEAR

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"value": shown(value)})

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.lowest <= value <= self.highest:
            raise forms.ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"value": shown(value), "min": self.lowest, "max": self.highest},
            )


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class WordsField(forms.CharField):
    """Up to MAX_TERMS words, MAX_QUERY_LENGTH characters in all; more is refused with a message
    rather than silently cut."""

    default_error_messages = {
        "max_length": _("Type at most %(limit_value)d characters (these words have %(show_value)d)."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if len(WORD.findall(value or "")) > MAX_TERMS:
            raise forms.ValidationError(
                _("Use at most %(count)d words."), code="too_many_words", params={"count": MAX_TERMS}
            )


class TextSearchFilter(django_filters.CharFilter):
    """``q``: every word must appear in the record's folded text (``SearchTextMixin``): case and
    accents ignored, as on /search/. Each word is one condition on one column of one table: no join
    and no DISTINCT, whatever the number of words."""

    field_class = WordsField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Words"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        for term in terms_of(value):
            qs = qs.filter(search_text__contains=term)
        return qs


class ListingChoiceField(FilterChoiceField):
    """A select whose refusal names the value sent and the choices there are. ``invalid_message``
    takes ``%(value)s`` and ``%(choices)s``."""

    def __init__(self, *args, invalid_message=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message or _("“%(value)s” is not one of the choices: choose %(choices)s.")

    def validate(self, value):
        if value and not self.valid_value(value):
            raise forms.ValidationError(
                self.invalid_message,
                code="invalid_choice",
                params={"value": shown(value), "choices": choice_list(self.choices)},
            )
        super().validate(value)


class ListingChoiceFilter(django_filters.ChoiceFilter):
    field_class = ListingChoiceField


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


class CountrySelect(forms.Select):
    """Countries by name, grouped by region, whose values are ISO codes. A well-formed code it does
    not list (a country with no record here) is shown as an option of its own, so the form never says
    "any country" while the results are those of that code (none)."""

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        listed = {str(option["value"]) for _group, options, _index in groups for option in options}
        for code in value:
            if code and COUNTRY_CODE.fullmatch(code) and code not in listed:
                option = self.create_option(name, code, code, True, len(groups), attrs=attrs)
                groups.append((None, [option], len(groups)))
        return groups


class CountryField(forms.ChoiceField):
    """An ISO 3166-1 alpha-2 code, any case. Its options (``LazyChoices``) are read only when the form
    is shown: any two letters are accepted without a query, and an unknown code matches nothing."""

    widget = CountrySelect
    default_error_messages = {
        "invalid_code": _("“%(value)s” is not a country code: choose a country from the list."),
    }

    def to_python(self, value):
        value = super().to_python(value).strip()
        return value.upper() if re.fullmatch(r"[A-Za-z]{2}", value) else value

    def prepare_value(self, value):
        # What the select shows as chosen: "jp" in the address is Japan, whose option value is "JP".
        return self.to_python(value) if isinstance(value, str) else value

    def validate(self, value):
        if value and not COUNTRY_CODE.fullmatch(value):
            raise forms.ValidationError(
                self.error_messages["invalid_code"], code="invalid_code", params={"value": shown(value)}
            )


class CountryFilter(django_filters.CharFilter):
    """``country=JP``: records involving Japan, directly or through a bloc it belongs to (the
    queryset's ``involving``). The form shows the countries by name (``choices``, set by each filter
    set); the parameter stays the ISO code."""

    field_class = CountryField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Country"))
        kwargs.setdefault("help_text", _("Also through membership in a bloc or organization."))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.involving(value) if value else qs


class TitleOrderMixin:
    """For querysets of records with ``title`` and ``title_es``: ``by_title()`` orders them by the
    title the reader sees (the Spanish one, where written, when Spanish is read)."""

    def by_title(self):
        shown_title = Coalesce(NullIf("title_es", Value("")), "title") if active_language() == "es" else "title"
        return self.alias(shown_title=Lower(shown_title)).order_by("shown_title", "pk")


class SortFilter(ListingChoiceFilter):
    """``sort``: one of the orders every listing's queryset offers (``chronological``,
    ``reverse_chronological``, ``by_title``); empty keeps the listing's own order."""

    ORDERS = {"year": "chronological", "-year": "reverse_chronological", "title": "by_title"}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Sort by"))
        kwargs.setdefault(
            "choices", [("year", _("Oldest first")), ("-year", _("Newest first")), ("title", _("Title (A to Z)"))]
        )
        kwargs.setdefault("invalid_message", _("“%(value)s” is not an order: choose %(choices)s."))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return getattr(qs, self.ORDERS[value])() if value in self.ORDERS else qs


class ListingForm(forms.Form):
    # Django's own widget templates, in their Jinja2 version: the same HTML, rendered several times
    # faster than through the Django template engine (a country select has a template per option).
    # Only the public filter forms: Wagtail's admin widgets have Django templates only.
    default_renderer = Jinja2()

    def __init__(self, data=None, *args, **kwargs):
        # NUL is not allowed in HTML, and forms show submitted values (and some errors) back: read it
        # as the replacement character, as browsers do.
        if hasattr(data, "lists") and any("\x00" in value for _key, values in data.lists() for value in values):
            clean = data.copy()
            for key, values in data.lists():
                clean.setlist(key, [value.replace("\x00", "\ufffd") for value in values])
            data = clean
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and start > end:
            self.add_error(
                "year_to",
                forms.ValidationError(
                    _("The start year (%(start)s) is after the end year (%(end)s)."),
                    code="reversed_years",
                    params={"start": start, "end": end},
                ),
            )
        return cleaned


def is_empty(value):
    return value in (None, "", [], ())


class ListingFilterSet(django_filters.FilterSet):
    """Base for public listings: parameters are public URLs, so never rename them."""

    class Meta:
        form = ListingForm

    @property
    def rejected(self):
        """True when the form refuses any value: then no filter is applied at all."""
        return self.is_bound and bool(self.form.errors)

    def filter_queryset(self, queryset):
        # Filtering on the values that were understood would show a selection nobody asked for
        # (2015 to 2010 read as "from 2015"): all or nothing.
        return queryset if self.rejected else super().filter_queryset(queryset)

    def applied(self):
        """[(parameter, value)] of the filters in use, in the form's order, as the listing reads them:
        what its results depend on (unknown parameters and empty values left out; nothing at all when
        a value is refused)."""
        if not self.is_bound or self.rejected:
            return []
        cleaned = self.form.cleaned_data
        return [(name, str(cleaned[name])) for name in self.form.fields if not is_empty(cleaned.get(name))]

    @property
    def submitted(self):
        """What the form shows back: the values sent for its own fields, as sent (a refused value is
        shown with its error), other parameters left out. With the address and the language, the
        rendered form depends on nothing else, so it keys the form's cached fragment."""
        if not self.is_bound:
            return ""
        data = self.form.data
        return urlencode([(name, value) for name in self.form.fields for value in data.getlist(name)])

    @property
    def query(self):
        """The applied filters as a query string: the results' canonical address, for their links."""
        return urlencode(self.applied())

    def active_filters(self, request):
        """[(label, shown value, URL without this filter)] for every filter in use (none when a value
        is refused: none is applied)."""
        if not self.is_bound or self.rejected:
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if is_empty(value) or name == "sort":
                continue
            field = self.form.fields[name]
            choices = dict(flatten_choices(field.choices)) if hasattr(field, "choices") else {}
            query = request.GET.copy()
            query.pop(name, None)
            query.pop("page", None)
            active.append((field.label, choices.get(value, value), f"?{query.urlencode()}" if query else request.path))
        return active


def page_number(request):
    """The ``page`` asked for, as a number (1 when missing or malformed; Paginator.get_page brings an
    out-of-range number to the nearest page)."""
    value = request.GET.get("page", "").strip()
    if not value.lstrip("-").isdigit() or not value.isascii():
        return 1
    # Any larger number is the last page: no need to read more than ten digits.
    return max(-MAX_PAGE, min(MAX_PAGE, int(value[:11])))


def paginate(request, queryset, per_page=PER_PAGE):
    """A page of results; a missing, malformed or out-of-range ``page`` gives the nearest page."""
    return Paginator(queryset, per_page).get_page(page_number(request))


def page_links(page):
    """The numbers to link around ``page`` (a Paginator page), None where an ellipsis stands for the
    pages left out: at most 2 * (PAGES_ON_EACH_SIDE + PAGES_ON_ENDS) + 3 entries however many pages
    there are."""
    paginator = page.paginator
    numbers = paginator.get_elided_page_range(page.number, on_each_side=PAGES_ON_EACH_SIDE, on_ends=PAGES_ON_ENDS)
    return [None if number == paginator.ELLIPSIS else number for number in numbers]


def listing_context(request, model, filterset=None):
    """What every listing page's template reads besides its results: the filters and the active ones,
    the canonical address, the breadcrumbs and the menu entry. The listing and its pages are
    indexed, each its own canonical address; filtered and sorted variants show the same records as
    the listing, so they point to it and ask not to be indexed."""
    number = page_number(request)
    filtered = any(key != "page" for key in request.GET)
    canonical = model.listing_url() + (f"?page={number}" if number > 1 and not filtered else "")
    return {
        "filter": filterset,
        "page_number": number,
        "active_filters": filterset.active_filters(request) if filterset is not None else [],
        "noindex": filtered,
        "canonical_url": absolute_url(request, canonical),
        "crumbs": breadcrumbs((model.listing_label(), None)),
        "nav_section": model.nav_section,
    }
