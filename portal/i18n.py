"""Records keep one row whatever the language, with English fields and their '_es' twins."""

from django.utils.translation import get_language


def localized(obj, field):
    """The Spanish text of ``field`` when Spanish is active and written, else the English."""
    if (get_language() or "en").startswith("es"):
        value = getattr(obj, f"{field}_es", "")
        if value:
            return value
    return getattr(obj, field)


def is_untranslated(obj, field):
    """True when Spanish is active but the record has no Spanish text for ``field`` yet."""
    return (get_language() or "en").startswith("es") and not getattr(obj, f"{field}_es", "")


def in_active_language(path):
    """'/en/chapter-1/' as '/es/chapter-1/' while Spanish is active.

    Pages keep their slug in every language, and Wagtail serves the original page where no
    translation exists yet, so a visitor reading in Spanish stays in Spanish from link to link."""
    from django.conf import settings

    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    codes = {code for code, _name in settings.LANGUAGES}
    parts = path.split("/", 2)
    if len(parts) == 3 and parts[0] == "" and parts[1] in codes and parts[1] != language and language in codes:
        return f"/{language}/{parts[2]}"
    return path
