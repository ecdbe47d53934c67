import html
from dataclasses import dataclass
from functools import cached_property

from django import template
from django.conf import settings
from django.utils.translation import gettext, gettext_noop

from portal.citations import csl, render
from portal.foundations.i18n import active_language

register = template.Library()

# The component's interface texts (translated when shown, see ``Label``).
LABELS = {
    "heading": gettext_noop("Cite this"),
    "section": gettext_noop("Cite this section"),
    "copy": gettext_noop("Copy"),
    "downloads": gettext_noop("Download the reference"),
    "section_downloads": gettext_noop("Download the section's reference"),
    "copied": gettext_noop("Copied to the clipboard."),
    "copy_failed": gettext_noop("Could not copy: the citation is selected, copy it with your keyboard or menu."),
    "apa": gettext_noop("APA (7th edition)"),
    "chicago": gettext_noop("Chicago (author-date)"),
}
# (format in the address, link text), in the order the downloads are offered.
DOWNLOADS = [("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON")]


class Label(str):
    """An interface text in the reader's language, with ``lang``: the language it is written in when
    that is not the reader's (English, while the catalogue has no translation of it yet), else ''."""

    lang = ""


def label(msgid):
    text = Label(gettext(msgid))
    if text == msgid and active_language() != settings.LANGUAGE_CODE:
        text.lang = settings.LANGUAGE_CODE
    return text


@dataclass(frozen=True)
class Style:
    key: str
    label: Label
    html: str


class PageCitation:
    """What components/cite.html shows: the citation in each style (``styles``, rendered when first
    read: a section shows only ``apa``), the book named as the source of a record's page (``note``,
    HTML, written in ``note_lang`` when not in the reader's language), the files (``downloads``:
    [(format, label, url)]) and the interface's texts (``labels``)."""

    def __init__(self, reference):
        self.reference = reference
        self.labels = {key: label(msgid) for key, msgid in LABELS.items()}
        self.downloads = [(format, name, reference.download_url(format)) for format, name in DOWNLOADS]
        note = reference.item.get("note", "")
        self.note = render.mark_languages(html.escape(note, quote=False), reference.marks) if note else ""
        self.note_lang = label(csl.SOURCE_NOTE).lang if note else ""

    @cached_property
    def styles(self):
        return [self._style(key) for key in render.STYLES]

    @cached_property
    def apa(self):
        return self._style("apa")

    def _style(self, key):
        rendered = render.render(self.reference.item, key)
        return Style(key, self.labels[key], render.mark_languages(rendered.html, self.reference.marks))


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
    return PageCitation(reference)


@register.simple_tag(takes_context=True)
def dataset_citation(context):
    """{% dataset_citation as cite %}: how to cite the open data as a whole (the data page)."""
    request, book = context.get("request"), context.get("book")
    if request is None or book is None or book.home is None:
        return None
    return PageCitation(csl.dataset_reference(book, request))
