"""The portal's recent changes: every publication of a record that has a page or a listing, and of
the book's pages."""

from portal.book.models import AuthorsPage, ChapterPage, HomePage
from portal.foundations.publications import publications
from portal.foundations.records import record_types

PER_PAGE = 30


def recent_changes(limit=PER_PAGE):
    record_models = [model for model in record_types() if model.detail_url_name or model.listing_url_name]
    return publications(limit, record_models, page_models=(HomePage, ChapterPage, AuthorsPage))
