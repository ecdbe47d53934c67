"""/sitemap.xml: the book's pages, every record with a page of its own, the listings, in both
languages, each with its alternates (hreflang) and when it last changed."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.book.models import AuthorsPage, ChapterPage, HomePage
from portal.foundations.i18n import page_url, reading_version
from portal.foundations.records import record_types


class LanguageSitemap(Sitemap):
    """Each item at its address in every language, with the others as its alternates."""

    i18n = True
    alternates = True
    x_default = True
    # Addresses per file (each language counts): small enough for the page cache to keep a file and for
    # a crawler to fetch it quickly at any number of records; the index names every file (?p=2, ...).
    limit = 1000


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
