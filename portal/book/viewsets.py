"""Admin for the book's authors and publishers (the pages themselves live in the page tree)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSetGroup

from portal.foundations.admin import PortalSnippetViewSet

from .models import Author, Publisher


class AuthorViewSet(PortalSnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "orcid", "order"]


class PublisherViewSet(PortalSnippetViewSet):
    model = Publisher
    icon = "home"
    menu_label = _("Publishers")
    list_display = ["name", "short_name", "order"]


class BookGroup(SnippetViewSetGroup):
    menu_label = _("The book")
    menu_icon = "doc-full-inverse"
    menu_order = 190
    items = (AuthorViewSet, PublisherViewSet)
