"""One search over the book's sections and the portal's records, grouped by type.

Chapters are searched section by section in Python (three pages, so a fixed cost), so a hit links
to its anchor; records go through Wagtail's search backend. Matching and highlighting ignore case
and accents: "Peru" finds "Perú", "comision" finds "Comisión"."""

import functools
import re
import unicodedata
from dataclasses import dataclass

from django import forms
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .caching import memoized
from .i18n import active_language, in_reading_language, reading_version

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
SNIPPET_RADIUS = 110
WORD = re.compile(r"\w+", re.UNICODE)

RESULT_TYPES = [
    ("sections", _("Book sections")),
    ("agreements", _("Trade agreements")),
    ("partners", _("Partners")),
    ("initiatives", _("Initiatives")),
    ("figures", _("Key figures")),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the book and its records"), max_length=MAX_QUERY_LENGTH, required=False)
    type = forms.ChoiceField(label=_("Show"), choices=[("", _("Everything"))] + RESULT_TYPES, required=False)


def fold(text):
    """Lower case without accents, one character for one character, so positions still match."""
    return "".join(map(_fold_character, text))


@functools.lru_cache(maxsize=4096)
def _fold_character(character):
    return unicodedata.normalize("NFD", character)[0].lower()


def terms_of(query):
    return [fold(word) for word in WORD.findall(query or "")][:MAX_TERMS]


def matches(text, terms):
    folded = fold(text)
    return all(term in folded for term in terms)


def highlight(text, terms, radius=SNIPPET_RADIUS):
    """An escaped excerpt of ``text`` around the first match, with every match in <mark>."""
    text = " ".join(text.split())
    folded = fold(text)
    positions = [folded.find(term) for term in terms if term in folded]
    start = max(0, min(positions) - radius) if positions else 0
    end = min(len(text), start + 2 * radius + 40)
    excerpt, folded_excerpt = text[start:end], folded[start:end]
    spans = sorted((m.start(), m.end()) for term in terms for m in re.finditer(re.escape(term), folded_excerpt))
    out, cursor = [], 0
    for begin, finish in spans:
        if begin < cursor:
            continue
        out.append(escape(excerpt[cursor:begin]))
        out.append(f"<mark>{escape(excerpt[begin:finish])}</mark>")
        cursor = finish
    out.append(escape(excerpt[cursor:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece above is escaped


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
    read from the chapters once per content version and kept (see ``portal.caching.memoized``)."""
    from .models import ChapterPage

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


def record_sources():
    """(type, live queryset, title, text for the snippet, context line) for each kind of record."""
    from agreements.models import Agreement, Partner
    from diplomacy.models import Initiative, KeyFigure

    return {
        "agreements": (
            Agreement.objects.live(),
            lambda a: a.display_title,
            lambda a: a.display_description,
            lambda a: a.get_status_display(),
        ),
        "partners": (
            Partner.objects.live(),
            lambda p: p.display_name,
            lambda p: p.notes or p.get_kind_display(),
            lambda p: p.get_kind_display(),
        ),
        "initiatives": (
            Initiative.objects.live(),
            lambda i: i.display_title,
            lambda i: f"{i.display_description} {i.display_outcomes}",
            lambda i: i.when or i.when_label,
        ),
        "figures": (
            KeyFigure.objects.live(),
            lambda f: f"{f.display_value} {f.display_unit} — {f.display_label}",
            lambda f: f.source_text,
            lambda f: f.period_label,
        ),
    }


def _results(kind, terms):
    queryset = record_sources()[kind][0]
    return queryset.search(" ".join(terms), operator="and")


def record_count(kind, terms):
    return _results(kind, terms).count()


def record_hits(kind, terms, start, stop):
    """The hits ranked ``start`` to ``stop`` for one kind of record, in one query."""
    _queryset, title, text, context = record_sources()[kind]
    return [
        Hit(title=title(obj), url=obj.get_absolute_url(), snippet=highlight(text(obj), terms), context=context(obj))
        for obj in _results(kind, terms)[start:stop]
    ]


PREVIEW_SIZE = 5
PAGE_SIZE = 20


def run_search(request, query, kind):
    """{"terms", "groups", "page_obj", "total"}: every type with its count and first hits, or one
    type paginated when ``kind`` is given."""
    from django.core.paginator import Paginator

    terms = terms_of(query)
    if not terms:
        return {"terms": [], "groups": [], "page_obj": None, "total": 0}
    sections = section_hits(book_sections(request), terms)
    groups, page_obj = [], None
    for name, label in RESULT_TYPES:
        if kind and name != kind:
            continue
        if name == "sections":
            total = len(sections)
            if kind:
                page_obj = Paginator(sections, PAGE_SIZE).get_page(request.GET.get("page"))
                hits = list(page_obj)
            else:
                hits = sections[:PREVIEW_SIZE]
        elif kind:
            total = record_count(name, terms)
            page_obj = Paginator(range(total), PAGE_SIZE).get_page(request.GET.get("page"))
            hits = record_hits(name, terms, page_obj.start_index() - 1, page_obj.end_index()) if total else []
        else:
            total = record_count(name, terms)
            hits = record_hits(name, terms, 0, PREVIEW_SIZE) if total else []
        groups.append({"name": name, "label": label, "total": total, "hits": hits})
    return {"terms": terms, "groups": groups, "page_obj": page_obj, "total": sum(g["total"] for g in groups)}
