from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language


def _for_language(pages):
    """Pages of the active language, else those of the first language that has any."""
    language = (get_language() or "en").split("-")[0]
    chosen = [page for page in pages if page.locale.language_code == language]
    if chosen or not pages:
        return chosen
    fallback = pages[0].locale.language_code
    return [page for page in pages if page.locale.language_code == fallback]


class Book:
    """The book's home page, chapters and publishers for the header and footer of every page: three
    queries at most, and only on pages that render them."""

    def __init__(self):
        from .models import AuthorsPage, ChapterPage, HomePage, Publisher

        homes = _for_language(list(HomePage.objects.live().select_related("locale").order_by("pk")))
        self.home = homes[0] if homes else None
        self.chapters = _for_language(list(ChapterPage.objects.live().select_related("locale").order_by("path")))
        authors = _for_language(list(AuthorsPage.objects.live().select_related("locale").order_by("path")))
        self.authors_page = authors[0] if authors else None
        self.publishers = list(Publisher.objects.all())

    def neighbours(self, chapter):
        ids = [c.pk for c in self.chapters]
        if chapter.pk not in ids:
            return None, None
        i = ids.index(chapter.pk)
        previous = self.chapters[i - 1] if i > 0 else None
        following = self.chapters[i + 1] if i + 1 < len(self.chapters) else None
        return previous, following


def book(request):
    return {"book": SimpleLazyObject(Book)}
