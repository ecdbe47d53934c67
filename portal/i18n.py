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
