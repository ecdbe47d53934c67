import html
from dataclasses import dataclass

from django import template
from django.utils.translation import gettext_lazy as _

from portal.citations import csl, render

register = template.Library()

STYLE_LABELS = {"apa": _("APA (7th edition)"), "chicago": _("Chicago (author-date)")}
# (format in the address, link text), in the order the downloads are offered.
DOWNLOADS = [("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON")]


@dataclass(frozen=True)
class Style:
    key: str
    label: str
    html: str


@dataclass(frozen=True)
class PageCitation:
    """What components/cite.html shows: the citation in each style (``styles``), the book named as the
    source of a record's page (``note``, HTML) and the files (``downloads``: [(format, label, url)])."""

    styles: list
    note: str
    downloads: list

    @property
    def apa(self):
        return next(style for style in self.styles if style.key == "apa")


@register.simple_tag(takes_context=True)
def citation(context, obj, section=None):
    """{% citation page_or_record as cite %}, {% citation page section=anchor as cite %}: how to cite
    the book, a chapter, one of its sections or a record's page, in the reader's language, rendered
    now (a record's citation carries the day it was read). None for anything else, an unknown
    section, an unpublished page and previews. Reads the book's structure the page already has (the
    ``book`` context processor): no query but the book's authors, once."""
    request, book = context.get("request"), context.get("book")
    if obj is None or request is None or book is None or getattr(request, "is_preview", False):
        return None
    if not getattr(obj, "live", False) or book.home is None:
        return None
    try:
        reference = csl.reference(obj, book, request, section)
    except csl.UnknownSection:
        return None
    if reference is None:
        return None
    styles = [
        Style(key, STYLE_LABELS[key], render.mark_languages(rendered.html, reference.marks))
        for key, rendered in render.render_all(reference.item).items()
    ]
    note = reference.item.get("note", "")
    return PageCitation(
        styles=styles,
        note=render.mark_languages(html.escape(note, quote=False), reference.marks) if note else "",
        downloads=[(format, label, reference.download_url(format)) for format, label in DOWNLOADS],
    )
