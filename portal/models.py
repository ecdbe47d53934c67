"""The portal app's models, defined in ``portal.book`` (the book's pages and its authors and
publishers); Django reads an app's models from this module."""

from portal.book.models import Author, AuthorsPage, ChapterPage, HomePage, Publisher

__all__ = ["Author", "AuthorsPage", "ChapterPage", "HomePage", "Publisher"]
