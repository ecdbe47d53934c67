"""Excerpts of matching text, with the matches marked; matching ignores case and accents
(``portal.foundations.folding``)."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.foundations.folding import fold

SNIPPET_RADIUS = 110


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
