"""Where a page sits: its breadcrumbs and its canonical address."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _


def breadcrumbs(*trail):
    """[(title, url), ...] from the book's home page down to the current page (url None)."""
    return [(_("Home"), reverse("wagtail_serve", args=[""])), *trail]


def absolute_url(request, path):
    """The canonical absolute address of ``path`` on this site: on PORTAL_BASE_URL when it is set
    (production: the site's own https address, whatever Host or scheme a request came with), else
    on the request's own scheme and host (a development server)."""
    base = getattr(settings, "PORTAL_BASE_URL", "")
    if base:
        return base.rstrip("/") + path
    return request.build_absolute_uri(path)


def admin_prefix():
    """Where Wagtail's admin is mounted ("/admin/")."""
    return getattr(settings, "PORTAL_ADMIN_PREFIX", "/admin/")
