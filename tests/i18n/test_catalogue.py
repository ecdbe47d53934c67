"""The committed Spanish catalogue is complete, consistent and compiled."""

import re

from django.conf import settings

import polib
import pytest

CATALOGUE = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(CATALOGUE / "django.po"))


def _translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_entry_is_translated_and_none_is_fuzzy(po):
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []
    assert po.percent_translated() == 100
    assert po.metadata["Language"] == "es"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_placeholders_are_kept(po):
    for entry in po.translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in _translations(entry):
            assert sorted(PLACEHOLDER.findall(text)) == expected, entry.msgid


def test_the_compiled_catalogue_matches_the_source(po):
    compiled = {
        (entry.msgctxt, entry.msgid): _translations(entry) for entry in polib.mofile(str(CATALOGUE / "django.mo"))
    }
    source = {(entry.msgctxt, entry.msgid): _translations(entry) for entry in po.translated_entries()}
    compiled.pop((None, ""), None)  # the metadata
    assert compiled == source


def test_the_interface_words_the_book_uses(po):
    """The Spanish the IDEI uses for the book's key terms; agreements' statuses as Peru's trade ministry
    words them; initiatives' statuses agreeing with "iniciativa"."""
    words = {entry.msgid: entry.msgstr for entry in po if not entry.msgctxt and not entry.msgid_plural}
    assert words["Trade agreements"] == "Acuerdos comerciales"
    assert words["In force"] == "Vigente"
    assert words["Signed, about to enter into force"] == "Suscrito, por entrar en vigencia"
    assert words["Achieved"] == "Lograda" and words["Proposed"] == "Propuesta"
    assert not [entry.msgstr for entry in po if "en vigor" in entry.msgstr.lower()]
    assert words["Under negotiation"] == "En negociación"
    assert words["Strategic partnerships"] == "Asociaciones estratégicas"
