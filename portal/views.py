from django.http import HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .navigation import breadcrumbs


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /*?*", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def search(request):
    from .search import SearchForm, run_search

    form = SearchForm(request.GET or None)
    valid = form.is_valid()
    query = form.cleaned_data.get("q", "") if valid else ""
    kind = form.cleaned_data.get("type", "") if valid else ""
    context = {
        "form": form,
        "query": query,
        "kind": kind,
        # {"terms", "groups", "page_obj", "total"}: read only when the results are rendered, not when
        # they come from the fragment cache.
        "results": SimpleLazyObject(lambda: run_search(request, query, kind)),
        "crumbs": breadcrumbs((_("Search"), None)),
        "nav_section": "search",
        "noindex": True,
    }
    return render(request, "portal/search.html", context)
