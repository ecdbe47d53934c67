"""What is cited, as CSL data: one CSL-JSON item for the book, a chapter, a chapter's section or a
record's page, from which the citations are rendered (``render.py``) and the files written
(``formats.py``).

The book's own title is its English one: the Spanish pages are the portal's translation, so the book
and its chapters (and their sections' headings) are cited in English on every page, with the
address of the page being read. A record's page is cited as an entry of the portal: its title in the
reader's language, the portal's name as the container, the book's publishers as its publishers, the
day it was read, and the book named as its source in a note."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_text_list, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.book.models import ChapterPage, HomePage
from portal.data import package as open_data
from portal.foundations.i18n import active_language, page_url
from portal.foundations.identity import PORTAL_NAME
from portal.foundations.navigation import absolute_url
from portal.foundations.records import PublicRecord, record_types

# Where the book was published, as its imprint says.
PLACE = "Lima"
SOURCE_NOTE = gettext_noop("Source: %(authors)s, %(title)s (%(place)s: %(publishers)s, %(year)s), ISBN %(isbn)s.")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


class UnknownSection(LookupError):
    """The chapter has no section with that anchor."""


@dataclass(frozen=True)
class Reference:
    """One thing cited: its CSL-JSON ``item``; ``path``, the address of its page on this site (the
    downloads are at ``path`` + ``cite.<format>``); ``section``, the anchor of a chapter's section;
    ``marks``, the (text, language) of the parts written in another language than the page's."""

    item: dict
    path: str
    section: str = ""
    marks: tuple = ()

    @property
    def filename(self):
        return self.item["id"]

    def download_url(self, format):
        query = f"?section={self.section}" if self.section else ""
        return f"{self.path}cite.{format}{query}"


def reference(obj, book, request, section=None):
    """The ``Reference`` of a book page or a record shown on a page, or None when it is not cited."""
    if isinstance(obj, HomePage):
        return book_reference(book, request, obj)
    if isinstance(obj, ChapterPage):
        return chapter_reference(book, obj, request, section)
    if isinstance(obj, PublicRecord) and obj.is_citable() and obj.slug:
        return record_reference(book, obj, request)
    return None


def citable_record_type(detail_url_name):
    """The record type whose pages have that URL name, if its records are cited."""
    for model in record_types():
        if model.is_citable() and model.detail_url_name == detail_url_name:
            return model
    raise LookupError(detail_url_name)


# The book and its chapters.


def book_reference(book, request, page=None):
    page = page or book.home
    path = page_url(page, translations=book.translations)
    return Reference(item=_book_item(book, request, path), path=path, marks=_book_marks(book))


def chapter_reference(book, chapter, request, section=None):
    """A chapter, or one of its sections when ``section`` is an anchor (UnknownSection otherwise)."""
    original = _original(book, chapter)
    path = page_url(chapter, translations=book.translations)
    book_item = _book_item(book, request, path)
    item = {
        "id": f"{book_item['id']}-{chapter.slug}",
        "type": "chapter",
        "title": original.title,
        "container-title": book_item["title"],
        "chapter-number": arabic(original.number),
        **{key: value for key, value in book_item.items() if key not in ("id", "type", "title")},
    }
    marks = _foreign(original.title, settings.LANGUAGE_CODE) + _book_marks(book)
    if section is not None:
        headings = {anchor: heading for anchor, heading, _sub in original.published_anchors()}
        if section not in headings:
            raise UnknownSection(section)
        item.update(id=f"{item['id']}-{section}", section=headings[section], URL=f"{item['URL']}#{section}")
    return Reference(item=item, path=path, section=section or "", marks=marks)


def _book_item(book, request, path):
    home = _original(book, book.home)
    year = publication_year(home)
    return {
        "id": _book_id(book),
        "type": "book",
        "title": book_title(book),
        "author": [_name(author) for author in book.authors],
        "publisher": "; ".join(publisher_name(publisher) for publisher in book.publishers),
        "publisher-place": PLACE,
        **({"issued": {"date-parts": [[year]]}} if year else {}),
        "ISBN": home.isbn,
        "URL": _absolute(request, path),
        "language": settings.LANGUAGE_CODE,
    }


def _book_marks(book):
    return _foreign(book_title(book), settings.LANGUAGE_CODE) + _publisher_marks(book)


def book_title(book):
    """The book's own title (its English title and subtitle)."""
    home = _original(book, book.home)
    return f"{home.title} {home.subtitle}".strip()


def publication_year(home):
    """The year of the printed edition ('1st ed., April 2022': 2022)."""
    found = re.search(r"\b(\d{4})\b", home.edition)
    return int(found.group(1)) if found else None


def publisher_name(publisher):
    """A publisher as citations name it: its name with the institution it belongs to, without the
    abbreviation its name repeats in brackets ('Konrad Adenauer Stiftung (KAS)', short name 'KAS')."""
    name = publisher.name
    abbreviation = f" ({publisher.short_name})"
    if publisher.short_name and name.endswith(abbreviation):
        name = name[: -len(abbreviation)]
    return f"{name}, {publisher.parent}" if publisher.parent else name


def arabic(number):
    """A chapter's number as reference managers expect it: 'III' -> '3'."""
    text = (number or "").strip().upper()
    if not text or not all(letter in ROMAN for letter in text):
        return (number or "").strip()
    values = [ROMAN[letter] for letter in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return str(total)


def _book_id(book):
    families = [_name(author).get("family") or author.name for author in book.authors]
    return slugify("-".join([*families, str(publication_year(_original(book, book.home)) or "")]))


def _name(author):
    family, _comma, given = author.sort_name.partition(", ")
    return {"family": family, "given": given} if given else {"literal": author.name}


def _original(book, page):
    """The page in the book's own language (its translation's original)."""
    return book.versions(page).get(settings.LANGUAGE_CODE) or page


# Records.


def record_reference(book, record, request):
    path = record.get_absolute_url()
    title = record.citation_title()
    language = _record_title_language(record, title)
    item = {
        "id": f"{record.type_name()}-{record.slug}",
        "type": "webpage",
        "title": title,
        "container-title": str(PORTAL_NAME),
        "publisher": "; ".join(publisher_name(publisher) for publisher in book.publishers),
        "URL": _absolute(request, path),
        "accessed": {"date-parts": [list(timezone.localdate().timetuple()[:3])]},
        "language": language,
        "note": source_note(book),
    }
    marks = _foreign(title, language) + _book_marks(book)
    return Reference(item=item, path=path, marks=marks)


# The open data.


def dataset_reference(book, request):
    """The open data as a whole (its page, /<lang>/data/), cited as a versioned data set of the
    portal, with the book named as its source."""
    path = reverse("open_data")
    modified = open_data.last_modified()
    item = {
        "id": f"{open_data.PACKAGE_NAME}-{open_data.VERSION}",
        "type": "dataset",
        "title": str(open_data.dataset_title()),
        "version": open_data.VERSION,
        "publisher": "; ".join(publisher_name(publisher) for publisher in book.publishers),
        "URL": _absolute(request, path),
        "accessed": {"date-parts": [list(timezone.localdate().timetuple()[:3])]},
        "language": active_language(),
        "note": source_note(book),
    }
    if modified:
        item["issued"] = {"date-parts": [list(modified.timetuple()[:3])]}
    return Reference(item=item, path=path, marks=_book_marks(book))


def source_note(book):
    """The book, named as the source of what the portal says, in the reader's language (in English
    while the catalogue has no translation of the note)."""
    if active_language() != settings.LANGUAGE_CODE and _(SOURCE_NOTE) == SOURCE_NOTE:
        with translation.override(settings.LANGUAGE_CODE):
            return source_note(book)
    home = _original(book, book.home)
    return _(SOURCE_NOTE) % {
        "authors": get_text_list([author.name for author in book.authors], _("and")),
        "title": book_title(book),
        "place": PLACE,
        "publishers": "; ".join(publisher_name(publisher) for publisher in book.publishers),
        "year": publication_year(home),
        "isbn": home.isbn,
    }


def _record_title_language(record, title):
    """The language the record's title is written in: the reader's, unless it has no title of its
    own in that language and shows the English one."""
    language = active_language()
    if language == settings.LANGUAGE_CODE:
        return language
    with translation.override(settings.LANGUAGE_CODE):
        english = record.citation_title()
    return settings.LANGUAGE_CODE if english == title else language


# Helpers.


def _foreign(text, language):
    """((text, language),) when the text is in another language than the page's."""
    return ((text, language),) if text and language != active_language() else ()


def _publisher_marks(book):
    marks = ()
    for publisher in book.publishers:
        marks += _foreign(publisher_name(publisher), publisher.name_language)
    return marks


def _absolute(request, path):
    return path if "://" in path else absolute_url(request, path)
