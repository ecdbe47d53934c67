from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.foundations.navigation import breadcrumbs

from .results import SearchForm, run_search


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
        "results": run_search(request, query, kind),
        "crumbs": breadcrumbs((_("Search"), None)),
        "nav_section": "search",
        "noindex": True,
    }
    return render(request, "portal/search.html", context)
