"""One search over the book's sections and the portal's records, grouped by type.

Records go through Wagtail's search backend, one group per record type that declares a
``search_group`` (``portal.foundations.records``)."""

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from portal.foundations.folding import MAX_QUERY_LENGTH, terms_of
from portal.foundations.listing import page_number
from portal.foundations.records import record_types

from .matching import highlight
from .sections import Hit, book_sections, section_hits

PREVIEW_SIZE = 5
PAGE_SIZE = 20
SECTIONS = "sections"


def searched_types():
    """{group name (the ``type`` parameter): record type} of every type /search/ shows, in their
    declared order."""
    return {model.search_group: model for model in record_types() if model.search_group}


def result_types():
    return [(SECTIONS, _("Book sections"))] + [(name, model.type_label()) for name, model in searched_types().items()]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the book and its records"), max_length=MAX_QUERY_LENGTH, required=False)
    type = forms.ChoiceField(label=_("Show"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Everything")), *result_types()]


def _results(model, query):
    return model.matching(model.public_queryset(), query)


def record_count(model, query):
    return _results(model, query).count()


def record_hits(model, query, terms, start, stop):
    """The hits ranked ``start`` to ``stop`` for one record type, in one query."""
    return [
        Hit(
            title=record.public_title(),
            url=record.get_absolute_url(),
            snippet=highlight(record.search_excerpt(), terms),
            context=record.search_context(),
        )
        for record in _results(model, query)[start:stop]
    ]


def run_search(request, query, kind):
    """{"terms", "groups", "page_obj", "total"}: every type with its count and first hits, or one
    type paginated when ``kind`` is given."""
    terms = terms_of(query)
    if not terms:
        return {"terms": [], "groups": [], "page_obj": None, "total": 0}
    sections = section_hits(book_sections(request), terms)
    groups, page_obj = [], None
    models = searched_types()
    for name, label in result_types():
        if kind and name != kind:
            continue
        if name == SECTIONS:
            total = len(sections)
            if kind:
                page_obj = Paginator(sections, PAGE_SIZE).get_page(page_number(request))
                hits = list(page_obj)
            else:
                hits = sections[:PREVIEW_SIZE]
        elif kind:
            total = record_count(models[name], query)
            page_obj = Paginator(range(total), PAGE_SIZE).get_page(page_number(request))
            hits = (
                record_hits(models[name], query, terms, page_obj.start_index() - 1, page_obj.end_index())
                if total
                else []
            )
        else:
            total = record_count(models[name], query)
            hits = record_hits(models[name], query, terms, 0, PREVIEW_SIZE) if total else []
        groups.append({"name": name, "label": label, "total": total, "hits": hits})
    return {"terms": terms, "groups": groups, "page_obj": page_obj, "total": sum(g["total"] for g in groups)}
