from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.foundations.listing import page_number
from portal.foundations.navigation import absolute_url, breadcrumbs

from .results import SearchForm


@require_safe
def search(request):
    form = SearchForm(request.GET or None)
    valid = form.is_valid()
    query = form.cleaned_data.get("q", "") if valid else ""
    kind = form.cleaned_data.get("type", "") if valid else ""
    context = {
        "form": form,
        "query": query,
        "kind": kind,
        # The results are read inside their cached fragment ({% search_results %}), keyed by what
        # they depend on: the query, the type and the page.
        "page_number": page_number(request),
        "page_query": urlencode([("q", query), *([("type", kind)] if kind else [])]),
        "crumbs": breadcrumbs((_("Search"), None)),
        "nav_section": "search",
        "noindex": True,
        "canonical_url": absolute_url(request, reverse("search")),
    }
    return render(request, "portal/search.html", context)
