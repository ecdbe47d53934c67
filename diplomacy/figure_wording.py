"""How a key figure's number and unit read in the reader's language: places in a ranking as ordinals
('16th', '16.º'), shares as percentages, counts with their unit in the singular or plural the number
needs. The record keeps the number and the unit as the book gives them."""

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop, ngettext

from portal.foundations.i18n import active_language, text_in_reading_language

# Units (as written in the English ``unit`` field) that mark a place in a ranking, a share, an amount
# of money.
ORDINAL_UNITS = {"rank", "place", "position"}
PERCENT_UNITS = {"%", "percent"}
CURRENCY_UNITS = {"USD", "US$", "PEN", "EUR"}
# The size of the ranking after a place in it: "16th of 50 ministries", "16.º de 50 cancillerías".
OF_TOTAL = gettext_noop("of %(total)s %(unit)s")


def _count_units():
    """The units the book's counts use, in the form the number needs. Built on each call, so that
    each word is read in the active language."""
    return {
        "agreements": lambda n: ngettext("agreement", "agreements", n),
        "attacks": lambda n: ngettext("attack", "attacks", n),
        "bodies": lambda n: ngettext("body", "bodies", n),
        "centres": lambda n: ngettext("centre", "centres", n),
        "consulates": lambda n: ngettext("consulate", "consulates", n),
        "councils": lambda n: ngettext("council", "councils", n),
        "countries": lambda n: ngettext("country", "countries", n),
        "embassies": lambda n: ngettext("embassy", "embassies", n),
        "followers": lambda n: ngettext("follower", "followers", n),
        "ministries": lambda n: ngettext("ministry", "ministries", n),
        "offices": lambda n: ngettext("office", "offices", n),
        "partnerships": lambda n: ngettext("partnership", "partnerships", n),
        "parts": lambda n: ngettext("part", "parts", n),
        "people": lambda n: ngettext("person", "people", n),
        "policies": lambda n: ngettext("policy", "policies", n),
        "profiles": lambda n: ngettext("profile", "profiles", n),
        "programmes": lambda n: ngettext("programme", "programmes", n),
        "projects": lambda n: ngettext("project", "projects", n),
        "terms": lambda n: ngettext("term", "terms", n),
    }


def unit_kind(figure):
    unit = (figure.unit or "").strip()
    if unit.lower() in ORDINAL_UNITS:
        return "ordinal"
    if unit.lower() in PERCENT_UNITS:
        return "percent"
    if unit.upper() in CURRENCY_UNITS:
        return "currency"
    return "count"


def ordinal(number, language=None):
    """'1st', '2nd', '11th', '23rd' in English; '1.º', '16.º' in Spanish (the RAE's abbreviation of a
    masculine ordinal: a full stop before the letter)."""
    language = language or active_language()
    if language == "es":
        return f"{number}.º"
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def is_whole(value):
    return value == value.to_integral_value()


def formatted_number(value):
    places = 0 if is_whole(value) else 2
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def amount(figure):
    """The number as it reads in the big type of a card: '16th', '90%' ('90 %' in Spanish), 'USD 89,790,324',
    '35,000'."""
    kind = unit_kind(figure)
    if kind == "ordinal" and is_whole(figure.value):
        return ordinal(int(figure.value))
    number = formatted_number(figure.value)
    if kind == "percent":
        # Spanish separates the sign from the number (a no-break space), English does not.
        return f"{number}\u00a0%" if active_language() == "es" else f"{number}%"
    if kind == "currency":
        return f"{text_in_reading_language(figure, 'unit')} {number}"
    return number


def count_words(unit, unit_es, value):
    """``unit`` (the English plural the record gives) in the form ``value`` needs, in the reader's
    language. A unit this module does not know, or a word the catalogue does not translate yet, is
    the record's own (``unit_es`` when Spanish is read)."""
    own = (unit_es or unit) if active_language() == "es" else unit
    words = _count_units().get((unit or "").strip().lower())
    if words is None or not is_whole(value):
        return own
    word = words(int(value))
    if active_language() != "en":
        with translation.override("en"):
            untranslated = word in (words(1), words(2))
        if untranslated:
            return own
    return word


def unit_words(figure):
    """What follows the number: '' for shares and money (their sign is in the number), 'of 50
    ministries' for a place in a ranking whose size the page knows (``figure.ranked_among``), the
    unit in the number's singular or plural for a count."""
    kind = unit_kind(figure)
    if kind in ("percent", "currency"):
        return ""
    if kind == "ordinal":
        among = getattr(figure, "ranked_among", None)
        if among is None:
            return ""
        pattern = gettext(OF_TOTAL)
        if pattern == OF_TOTAL and active_language() != "en":
            return ""  # not translated yet: better no size than an English word in the sentence
        return pattern % {
            "total": formatted_number(among.value),
            "unit": count_words(among.unit, among.unit_es, among.value),
        }
    return count_words(figure.unit, figure.unit_es, figure.value)
