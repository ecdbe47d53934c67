"""The book's pages in Spanish: fixtures/pages_es.json, loaded as wagtail-localize translations.

pages_es.json has the shape of pages.json, block for block, with every text in Spanish. Each English
page becomes a translation source; the Spanish string of each of its segments (found at the same
place in the Spanish page) is imported as that segment's translation, the way an editor's would be;
the Spanish page is then saved from those translations. Editors see in the admin which segments are
translated, change them, and see what the English has changed since (wagtail-localize's sync)."""

import copy
from collections import defaultdict

from django.db import transaction

from wagtail.models import Locale

from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

SPANISH = "es"
TOOL = "fixtures/pages_es.json"


def spanish_strings(page, values):
    """{(segment path, occurrence): Spanish text} for ``page`` (English) given the Spanish ``values``
    of its fields, read the way wagtail-localize reads the English: from a copy of the page holding
    the Spanish values, whose StreamField blocks keep the English blocks' ids (segment paths name
    them)."""
    spanish = copy.copy(page)
    for name, value in values.items():
        field = page._meta.get_field(name)
        if hasattr(field, "stream_block"):
            value = _with_block_ids(getattr(page, name).get_prep_value(), value)
        setattr(spanish, name, value)
    strings, seen = {}, defaultdict(int)
    for segment in extract_segments(spanish):
        if isinstance(segment, StringSegmentValue):
            key = (segment.path, seen[segment.path])
            seen[segment.path] += 1
            strings[key] = segment.string.data
    return strings


def _with_block_ids(english, spanish):
    """The Spanish stream (fixture JSON, without ids) with the ids of the English stream's blocks,
    walked in parallel (the two have the same shape). A list item the fixture writes as a plain
    value gets the English item's id too."""
    if isinstance(english, dict) and english.get("type") == "item" and not isinstance(spanish, dict):
        return {"type": "item", "value": _with_block_ids(english.get("value"), spanish), "id": english["id"]}
    if isinstance(english, dict) and isinstance(spanish, dict):
        merged = {key: _with_block_ids(english.get(key), value) for key, value in spanish.items()}
        if "type" in spanish and "id" in english:
            merged["id"] = english["id"]
        return merged
    if isinstance(english, list) and isinstance(spanish, list):
        return [_with_block_ids(e, s) for e, s in zip(english, spanish, strict=True)]
    return spanish


def _translation(page):
    locale = Locale.objects.get(language_code=SPANISH)
    # As stored: its blocks have their ids (segment paths name them).
    page = type(page).objects.get(pk=page.pk)
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    return page, translation


def _filled_po(page, translation, values):
    """The translation's PO file (wagtail-localize's form), each segment's Spanish filled in."""
    strings = spanish_strings(page, values)
    po = translation.export_po()
    seen = defaultdict(int)
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, seen[entry.msgctxt])
        seen[entry.msgctxt] += 1
        entry.msgstr = strings.get(key, "")
    return po


def differs(page, values):
    """True when the Spanish translation of ``page`` does not hold ``values`` (segment by segment)."""
    page, translation = _translation(page)
    current = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in translation.export_po() if not entry.obsolete}
    wanted = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in _filled_po(page, translation, values)}
    return current != wanted


@transaction.atomic
def translate(page, values):
    """Make (or remake) the Spanish translation of ``page`` from ``values``, published; returns the
    Spanish page."""
    page, translation = _translation(page)
    translation.import_po(_filled_po(page, translation, values), tool_name=TOOL)
    translation.save_target(publish=True)
    return page.get_translation(translation.target_locale)


def spanish_version(page):
    return page.get_translation_or_none(Locale.objects.get(language_code=SPANISH))
