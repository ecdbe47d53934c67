"""The portal app's models, defined in ``portal.book`` (the book's pages and its authors and
publishers) and ``portal.data`` (the open data's licence); Django reads an app's models from this
module."""

from portal.book.models import Author, AuthorsPage, ChapterPage, HomePage, Publisher
from portal.data.models import DataLicence

__all__ = ["Author", "AuthorsPage", "ChapterPage", "DataLicence", "HomePage", "Publisher"]
