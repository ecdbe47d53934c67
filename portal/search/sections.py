"""The book's chapters, searched section by section in Python (three pages, so a fixed cost), so a
hit links to its anchor."""

from dataclasses import dataclass

from django.utils.html import strip_tags

from portal.book.models import ChapterPage
from portal.caching.version import memoized
from portal.foundations.folding import fold
from portal.foundations.i18n import active_language, in_reading_language, reading_version

from .matching import highlight


@dataclass
class Hit:
    title: str
    url: str
    snippet: str
    context: str = ""
    lang: str = ""  # the language of a hit's text where it is not the page's (an untranslated chapter)


@dataclass(frozen=True)
class BookSection:
    title: str
    url: str
    context: str
    lang: str
    text: str
    folded: str  # heading and text, folded once (see ``fold``)


def book_sections(request):
    """Every section and subsection of the live chapters, in the reader's language, with its text:
    read from the chapters once per content version and kept (see ``portal.caching.version.memoized``)."""

    def build():
        chapters = in_reading_language(ChapterPage.objects.live().select_related("locale").order_by("path"))
        sections = []
        for chapter in chapters:
            _page, base_url, language = reading_version(chapter, request)
            context = f"{chapter.number}. {chapter.title}"
            for section in chapter.body:
                for anchor, heading, text in _section_parts(section.value):
                    folded = fold(f"{heading} {text}")
                    sections.append(BookSection(heading, f"{base_url}#{anchor}", context, language, text, folded))
        return sections

    return memoized(f"search-sections:{active_language()}:{request.get_host()}", build, request)


def section_hits(sections, terms):
    """The sections whose heading and text hold all the terms."""
    return [
        Hit(title=s.title, url=s.url, snippet=highlight(s.text, terms), context=s.context, lang=s.lang)
        for s in sections
        if all(term in s.folded for term in terms)
    ]


def _section_parts(section):
    """[(anchor, heading, plain text)] for a section and each of its subsections."""
    parts = [[section["anchor"], section["heading"], []]]
    for block in section["content"]:
        if block.block_type == "subheading":
            parts.append([block.value["anchor"], block.value["heading"], []])
        else:
            parts[-1][2].append(_plain(block))
    return [(anchor, heading, " ".join(texts)) for anchor, heading, texts in parts]


def _plain(block):
    value = block.value
    if block.block_type == "paragraph":
        return strip_tags(value.source)
    if block.block_type == "list":
        return " ".join(strip_tags(item.source) for item in value["items"])
    if block.block_type in ("quote", "footnote"):
        return strip_tags(value["text"].source)
    return ""
