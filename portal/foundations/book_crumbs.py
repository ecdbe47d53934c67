"""Breadcrumbs that follow the book: a record that is a part of a chapter (an area of diplomacy is a
section of chapter III) sits under that chapter, "Home › Chapter III › Health diplomacy"."""

from django.utils.translation import gettext as _

from .i18n import page_url


def chapter_crumb(chapter, request=None):
    """(label, address) of ``chapter`` in the reader's language, or None when there is no live
    chapter to point at."""
    if chapter is None or not chapter.live:
        return None
    return _("Chapter %(number)s") % {"number": chapter.number}, page_url(chapter, request)
