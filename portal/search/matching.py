"""Matching that ignores case and accents: "Peru" finds "Perú", "comision" finds "Comisión"."""

import functools
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
SNIPPET_RADIUS = 110
WORD = re.compile(r"\w+", re.UNICODE)


def fold(text):
    """Lower case without accents, one character for one character, so positions still match."""
    return "".join(map(_fold_character, text))


@functools.lru_cache(maxsize=4096)
def _fold_character(character):
    return unicodedata.normalize("NFD", character)[0].lower()


def terms_of(query):
    return [fold(word) for word in WORD.findall(query or "")][:MAX_TERMS]


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
