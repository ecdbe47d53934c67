from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.foundations.navigation import absolute_url, breadcrumbs

from .changes import recent_changes


@require_safe
def changes(request):
    return render(
        request,
        "portal/changes.html",
        {
            # Called by the template inside its fragment: not read when the fragment cache answers.
            "recent_changes": recent_changes,
            "canonical_url": absolute_url(request, reverse("changes")),
            "crumbs": breadcrumbs((_("Recent changes"), None)),
            "nav_section": "changes",
        },
    )


@require_safe
def robots_txt(request):
    """Crawlers read everything public, the canonical listings and their pages included (filtered
    variants say noindex themselves), and find the sitemap; the admin is not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")
