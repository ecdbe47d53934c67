"""Text compared without case or accents: "Peru" finds "Perú", "comision" finds "Comisión". The
search (portal.search) and the listings' word filter (``SearchTextMixin``) fold the same way."""

import functools
import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from .i18n import active_language

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
WORD = re.compile(r"\w+", re.UNICODE)
# PostgreSQL's text search configurations for each reading language.
FULL_TEXT_CONFIGS = {"en": "english", "es": "spanish"}


def fold(text):
    """Lower case without accents, one character for one character, so positions still match."""
    return "".join(map(_fold_character, text))


@functools.lru_cache(maxsize=4096)
def _fold_character(character):
    return unicodedata.normalize("NFD", character)[0].lower()


def terms_of(query):
    """The folded stems of a query's words, at most MAX_TERMS: matched as parts of words, "acuerdos"
    finds "acuerdo" and "countries" finds "country"."""
    return [stem(fold(word)) for word in WORD.findall(query or "")][:MAX_TERMS]


def stem(word):
    """A folded word without the plural endings Spanish and English share: a light stem, matched as
    a part of words (so a shorter stem only finds more)."""
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3]
    if len(word) > 5 and word.endswith("es"):
        return word[:-2]
    # Not after s, i or u: "class", "crisis", "atlantis", "virus" are not plurals.
    if len(word) > 4 and word.endswith("s") and word[-2] not in "siu":
        return word[:-1]
    return word


class SearchTextMixin(models.Model):
    """A record whose published text (and its live relations' names) is kept folded in one column,
    ``search_text``, so the listings' word filter reads one column of one table: no join, whatever the
    number of words. Each type says what goes in it (``searchable_parts``); the column is refreshed
    whenever the row is saved, and by the types whose names it holds when those change."""

    search_text = models.TextField(
        editable=False,
        blank=True,
        default="",
        help_text=_("Kept by the portal from the published text, for the word filters and the search; not edited."),
    )

    class Meta:
        abstract = True

    def searchable_parts(self):
        """The texts the word filter matches, as they are published (live relations only): each record
        type that takes the word filter says them."""
        raise NotImplementedError(f"{type(self).__name__} must say which texts the word filter matches")

    @classmethod
    def matching(cls, queryset, query):
        """``queryset`` narrowed to the records whose text holds every word of ``query``, best first:
        PostgreSQL's full-text search in the reader's language (its stemming, on text already without
        accents), elsewhere every folded stem as part of the text."""
        terms = terms_of(query)
        if not terms:
            return queryset.none()
        if connection.vendor == "postgresql":
            config = FULL_TEXT_CONFIGS.get(active_language(), "simple")
            vector = SearchVector("search_text", config=config)
            words = SearchQuery(" ".join(fold(word) for word in WORD.findall(query)), config=config)
            return queryset.annotate(rank=SearchRank(vector, words)).filter(rank__gt=0).order_by("-rank", "pk")
        for term in terms:
            queryset = queryset.filter(search_text__contains=term)
        return queryset

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
