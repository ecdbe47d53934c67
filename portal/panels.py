"""Admin panels that several record types share."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def book_section_panel():
    return MultiFieldPanel(
        [FieldPanel("chapter"), FieldPanel("section_anchor")],
        heading=_("Where the book discusses it"),
    )
