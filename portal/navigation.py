from django.urls import reverse
from django.utils.translation import gettext as _


def breadcrumbs(*trail):
    """[(title, url), ...] from the book's home page down to the current page (url None)."""
    return [(_("Home"), reverse("wagtail_serve", args=[""])), *trail]
