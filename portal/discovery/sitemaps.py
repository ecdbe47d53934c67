"""/sitemap.xml: the book's pages, every record with a page of its own, the listings, in both
languages, each with its alternates (hreflang) and when it last changed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from portal.book.models import AuthorsPage, ChapterPage, HomePage
from portal.foundations.i18n import page_url, reading_version
from portal.foundations.records import record_types


class InEveryLanguage:
    """The (item, language) pairs Django's i18n sitemaps paginate, without reading every item: a file
    of the sitemap reads only its own slice of ``items`` (a queryset is sliced in SQL), and the count
    is the items' count (one COUNT query for a queryset) times the languages."""

    def __init__(self, items, languages):
        self.items, self.languages = items, languages

    def __len__(self):
        count = self.items.count() if hasattr(self.items, "query") else len(self.items)
        return count * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("a sitemap's items are read in slices")
        start, stop = index.start or 0, index.stop
        per_item = len(self.languages)
        first = start // per_item
        last = None if stop is None else -(-stop // per_item)
        pairs = [(item, language) for item in self.items[first:last] for language in self.languages]
        offset = start - first * per_item
        return pairs[offset : None if stop is None else offset + stop - start]


class LanguageSitemap(Sitemap):
    """Each item at its address in every language, with the others as its alternates."""

    i18n = True
    alternates = True
    x_default = True
    # Addresses per file (each language counts): small enough for the page cache to keep a file and for
    # a crawler to fetch it quickly at any number of records; the index names every file (?p=2, ...).
    limit = 1000

    def _items(self):
        # Django's own builds every (item, language) pair, reading all the records for any one file.
        return InEveryLanguage(self.items(), self._languages())


class BookSitemap(LanguageSitemap):
    priority = 1.0

    def items(self):
        homes = HomePage.objects.live().filter(locale__language_code="en")
        chapters = ChapterPage.objects.live().filter(locale__language_code="en").order_by("path")
        authors = AuthorsPage.objects.live().filter(locale__language_code="en")
        return [*homes, *chapters, *authors]

    def location(self, page):
        return page_url(page)

    def lastmod(self, page):
        return reading_version(page)[0].last_published_at


class RecordSitemap(LanguageSitemap):
    """The live records of one type that have a page of their own."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def items(self):
        return self.model.public_queryset().only("slug", "last_published_at").order_by("pk")

    def location(self, record):
        return record.get_absolute_url()

    def lastmod(self, record):
        return record.last_published_at

    def get_latest_lastmod(self):
        # For the index: one aggregate rather than every record (Django's default reads them all).
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


class ListingSitemap(LanguageSitemap):
    """The listings and the other pages that are not records (the canonical, unfiltered addresses)."""

    priority = 0.8
    names = [
        "agreement_list",
        "agreement_timeline",
        "partnership_list",
        "partner_list",
        "initiative_list",
        "area_list",
        "figures",
        "open_data",
        "changes",
    ]

    def items(self):
        return self.names

    def location(self, name):
        return reverse(name)


def sitemaps():
    """{section: Sitemap} for django.contrib.sitemaps' views."""
    found = {"book": BookSitemap(), "listings": ListingSitemap()}
    for model in record_types():
        if model.detail_url_name:
            found[model.type_name()] = RecordSitemap(model)
    return found
