"""Text compared without case or accents: "Peru" finds "Perú", "comision" finds "Comisión". The
search (portal.search) and the listings' word filter (``SearchTextMixin``) fold the same way."""

import functools
import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
WORD = re.compile(r"\w+", re.UNICODE)


def fold(text):
    """Lower case without accents, one character for one character, so positions still match."""
    return "".join(map(_fold_character, text))


@functools.lru_cache(maxsize=4096)
def _fold_character(character):
    return unicodedata.normalize("NFD", character)[0].lower()


def terms_of(query):
    """The folded words of a query, at most MAX_TERMS."""
    return [fold(word) for word in WORD.findall(query or "")][:MAX_TERMS]


class SearchTextMixin(models.Model):
    """A record whose published text (and its live relations' names) is kept folded in one column,
    ``search_text``, so the listings' word filter reads one column of one table: no join, whatever the
    number of words. Each type says what goes in it (``searchable_parts``); the column is refreshed
    whenever the row is saved, and by the types whose names it holds when those change."""

    search_text = models.TextField(
        editable=False,
        blank=True,
        default="",
        help_text=_("Kept by the portal from the published text, for the listings' word filter; not edited."),
    )

    class Meta:
        abstract = True

    def searchable_parts(self):
        """The texts the word filter matches, as they are published (live relations only)."""
        raise NotImplementedError

    def refresh_search_text(self):
        text = fold(" ".join(part for part in self.searchable_parts() if part))
        type(self)._default_manager.filter(pk=self.pk).update(search_text=text)
        self.search_text = text

    def save(self, *args, **kwargs):
        # After the row and its many-to-many relations (modelcluster commits them in save()).
        super().save(*args, **kwargs)
        self.refresh_search_text()

    @classmethod
    def refresh_search_text_of(cls, queryset):
        """Refresh the column of every row of ``queryset`` (when a name it holds changed)."""
        for record in queryset:
            record.refresh_search_text()
