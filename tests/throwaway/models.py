from django.db import models

from wagtail.search import index

from portal.foundations.book_links import BookSectionLink
from portal.foundations.folding import SearchTextMixin
from portal.foundations.records import LiveQuerySet, PublicRecord


class Treaty(PublicRecord, SearchTextMixin, BookSectionLink):
    """A record type declared here and nowhere else."""

    listing_url_name = "agreement_list"
    search_group = "treaties"
    chapter_item_template = "throwaway/treaty_section_item.html"
    record_order = 99

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=100)
    partner = models.ForeignKey("agreements.Partner", null=True, blank=True, on_delete=models.SET_NULL)

    objects = LiveQuerySet.as_manager()

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("title"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = "treaty"
        verbose_name_plural = "treaties"

    def __str__(self):
        return self.title

    def public_title(self):
        return self.title

    def searchable_parts(self):
        return [self.title]

    def get_absolute_url(self):
        return f"/en/agreements/?q={self.slug}"
