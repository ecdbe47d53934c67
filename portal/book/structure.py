"""The book's structure every page's header and footer shows, as the ``book`` template variable."""

from django.utils.functional import SimpleLazyObject, cached_property

from portal.caching.version import memoized
from portal.foundations.i18n import active_language, in_reading_language

from .models import Author, AuthorsPage, ChapterPage, HomePage, Publisher


class Book:
    """The book's home page, chapters, authors page and publishers for the header and footer of every
    page (four queries, only on pages that render them), and its authors for the pages that show
    them. Each page is the visitor's language version where an editor has made one, else the
    original (see ``portal.foundations.i18n``)."""

    def __init__(self):
        homes = list(HomePage.objects.live().select_related("locale").order_by("pk"))
        chapters = list(ChapterPage.objects.live().select_related("locale").order_by("path"))
        authors = list(AuthorsPage.objects.live().select_related("locale").order_by("path"))
        self.pages = homes + chapters + authors
        home = in_reading_language(homes)
        self.home = home[0] if home else None
        self.chapters = in_reading_language(chapters)
        authors_page = in_reading_language(authors)
        self.authors_page = authors_page[0] if authors_page else None
        self.publishers = list(Publisher.objects.all())

    @cached_property
    def authors(self):
        """The book's authors, read only by the pages that show them (home and authors pages)."""
        return list(Author.objects.all())

    def neighbours(self, chapter):
        ids = [c.pk for c in self.chapters]
        if chapter.pk not in ids:
            return None, None
        i = ids.index(chapter.pk)
        previous = self.chapters[i - 1] if i > 0 else None
        following = self.chapters[i + 1] if i + 1 < len(self.chapters) else None
        return previous, following

    @cached_property
    def translations(self):
        """{translation_key: page} of the book's live pages in the active language (see ``portal.foundations.i18n.page_url``)."""
        language = active_language()
        return {page.translation_key: page for page in self.pages if page.locale.language_code == language}

    def versions(self, page):
        """{language code: live page} of ``page`` in each language it is written in."""
        return {p.locale.language_code: p for p in self.pages if p.translation_key == page.translation_key}


def current_book(request=None):
    """The ``Book`` for the active language. The same for every visitor in a language until the
    content changes: kept in the process."""
    return memoized(f"book:{active_language()}", Book, request)


def book(request):
    """Context processor: the ``Book``, read only by pages that render it."""
    return {"book": SimpleLazyObject(lambda: current_book(request))}
