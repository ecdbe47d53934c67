"""What every public listing shares: safe filters, pagination, and the list of active filters.

Bad input never raises: a value the form rejects is reported beside its field and ignored, so the
listing still answers (django-filter drops invalid fields from ``cleaned_data``)."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _

import django_filters

from .folding import MAX_QUERY_LENGTH, MAX_TERMS, WORD, terms_of
from .i18n import active_language
from .navigation import absolute_url, breadcrumbs

MIN_YEAR, MAX_YEAR = 1800, 2200
PER_PAGE = 20
MAX_PAGE = 10**9


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"min": MIN_YEAR, "max": MAX_YEAR, "inputmode": "numeric"}))
        super().__init__(*args, **kwargs)


class WordsField(forms.CharField):
    """Up to MAX_TERMS words, MAX_QUERY_LENGTH characters in all; more is refused with a message
    rather than silently cut."""

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


class UpperCaseField(forms.CharField):
    def to_python(self, value):
        return super().to_python(value).upper()


class CountryFilter(django_filters.CharFilter):
    """``country=JP``: records involving Japan, directly or through a bloc it belongs to (the
    queryset's ``involving``). An ISO 3166-1 alpha-2 code, any case; unknown codes give no results."""

    field_class = UpperCaseField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 2)
        kwargs.setdefault("min_length", 2)
        kwargs.setdefault("label", _("Country (ISO code)"))
        kwargs.setdefault(
            "help_text", _("Two letters, e.g. JP for Japan. Includes records with a bloc the country belongs to.")
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.involving(value.upper()) if value else qs


class TitleOrderMixin:
    """For querysets of records with ``title`` and ``title_es``: ``by_title()`` orders them by the
    title the reader sees (the Spanish one, where written, when Spanish is read)."""

    def by_title(self):
        shown = Coalesce(NullIf("title_es", Value("")), "title") if active_language() == "es" else "title"
        return self.alias(shown_title=Lower(shown)).order_by("shown_title", "pk")


class SortFilter(django_filters.ChoiceFilter):
    """``sort``: one of the orders every listing's queryset offers (``chronological``,
    ``reverse_chronological``, ``by_title``); empty keeps the listing's own order."""

    ORDERS = {"year": "chronological", "-year": "reverse_chronological", "title": "by_title"}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Sort by"))
        kwargs.setdefault(
            "choices", [("year", _("Oldest first")), ("-year", _("Newest first")), ("title", _("Title (A to Z)"))]
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return getattr(qs, self.ORDERS[value])() if value in self.ORDERS else qs


class ListingForm(forms.Form):
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
            self.add_error("year_to", _("The end year must not come before the start year."))
            cleaned.pop("year_to", None)
        return cleaned


class ListingFilterSet(django_filters.FilterSet):
    """Base for public listings: parameters are public URLs, so never rename them."""

    class Meta:
        form = ListingForm

    def applied(self):
        """[(parameter, value)] of the valid filters in use, in the form's order, as the listing reads
        them: what its results depend on (unknown parameters, invalid and empty values left out)."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return [(name, str(cleaned[name])) for name in self.form.fields if cleaned.get(name) not in (None, "", [], ())]

    @property
    def query(self):
        """The applied filters as a query string: the results' canonical address, for their links."""
        return urlencode(self.applied())

    def active_filters(self, request):
        """[(label, shown value, URL without this filter)] for every valid filter in use."""
        if not self.is_bound or not self.form.is_valid() and not self.form.cleaned_data:
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", [], ()) or name == "sort":
                continue
            field = self.form.fields[name]
            shown = dict(field.choices).get(value, value) if hasattr(field, "choices") else value
            query = request.GET.copy()
            query.pop(name, None)
            query.pop("page", None)
            active.append((field.label, shown, f"?{query.urlencode()}" if query else request.path))
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
