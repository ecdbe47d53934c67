"""Two languages on one site.

Records keep one row whatever the language, with English fields and their '_es' twins.

Pages follow Wagtail's locales: one tree per language, linked by ``translation_key``. Where a page
has no live translation in the visitor's language yet, the original (English) page is served under
the visitor's language prefix (``HomePage.route`` falls back to the original tree), so links to it
carry that prefix and a visitor reading in Spanish stays in Spanish from link to link."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Page


def active_language():
    """'es' or 'en': the language the visitor reads in."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def text_in_reading_language(obj, field):
    """The Spanish text of ``field`` when Spanish is read and written, else the English."""
    if active_language() == "es":
        value = getattr(obj, f"{field}_es", "")
        if value:
            return value
    return getattr(obj, field)


def is_untranslated(obj, field):
    """True when Spanish is read, the record has English text for ``field`` and no Spanish text yet."""
    return active_language() == "es" and bool(getattr(obj, field, "")) and not getattr(obj, f"{field}_es", "")


class LocalizedFields:
    """``record.localized.title``: ``title`` in the reader's language (see ``text_in_reading_language``)."""

    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, field):
        return text_in_reading_language(self._obj, field)


class Localizable:
    """For models with English fields and their ``_es`` twins: ``obj.localized.<field>``, in Python and
    in templates alike, is the one way to read their text."""

    @property
    def localized(self):
        return LocalizedFields(self)


def _languages():
    return {code for code, _name in settings.LANGUAGES}


def language_of(url):
    """The language prefix of a URL ('/es/chapter-1/' -> 'es'), or None."""
    parts = urlsplit(url or "").path.split("/", 2)
    return parts[1] if len(parts) == 3 and parts[1] in _languages() else None


def with_language_prefix(url, language=None):
    """'/en/chapter-1/' as '/es/chapter-1/' (the active language unless given); a URL without a
    language prefix is returned as it is."""
    language = language or active_language()
    current = language_of(url)
    if current is None or current == language or language not in _languages():
        return url
    scheme, netloc, path, query, fragment = urlsplit(url)
    return urlunsplit((scheme, netloc, f"/{language}/{path.split('/', 2)[2]}", query, fragment))


def live_translations(language, request=None):
    """{translation_key: page} of the live pages written in ``language``: one query, kept on the
    request when there is one."""
    cache = getattr(request, "_portal_live_translations", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._portal_live_translations = cache
    if language not in cache:
        pages = Page.objects.live().filter(locale__language_code=language).select_related("locale")
        cache[language] = {page.translation_key: page for page in pages}
    return cache[language]


def reading_version(page, request=None, translations=None):
    """(page, URL, language of its text): what to link for a visitor reading in the active language.

    A page in that language keeps its URL (no query). Otherwise its live translation, at its own
    URL, where an editor has made one; failing that, an original-language page under the active
    language's prefix, where it is served as it is with a note. ``translations`` are the live pages
    of the active language by ``translation_key`` when the caller has them (``Book.translations``),
    else they are read once per request."""
    url = page.get_url(request)
    language = active_language()
    written_in = language_of(url)
    if written_in is None or written_in == language:
        return page, url, written_in
    if translations is None:
        translations = live_translations(language, request)
    translation = translations.get(page.translation_key)
    if translation is not None:
        return translation, translation.get_url(request), content_language(translation)
    if written_in == settings.LANGUAGE_CODE:
        return page, with_language_prefix(url, language), written_in
    return page, url, written_in


def page_url(page, request=None, translations=None):
    """Where to link ``page`` for a visitor reading in the active language (see ``reading_version``)."""
    return reading_version(page, request, translations)[1]


class SectionLink(str):
    """The address of a book section (empty when there is none), with its ``title`` and the
    language of that title, ``lang``."""

    title = ""
    lang = ""


def book_section(record, request=None):
    """The book section a record points at (its ``chapter`` and ``section_anchor``), in the chapter's
    version for the active language: its translation's heading once an editor has translated it."""
    chapter = record.chapter
    if chapter is None:
        return SectionLink("")
    version, url, lang = reading_version(chapter, request)
    if version is not chapter:
        # A plain Page from live_translations(): keep its specific page for the next record.
        version = live_translations(active_language(), request)[chapter.translation_key] = version.specific
    link = SectionLink(f"{url}#{record.section_anchor}" if record.section_anchor else url)
    link.title, link.lang = record.book_section_title_in(version), lang
    return link


def in_reading_language(pages):
    """One page per ``translation_key`` among ``pages`` (live, of every locale, in the order wanted,
    ``locale`` selected): its version in the active language where there is one, else the original
    (default language), else whatever version there is."""
    language, default = active_language(), settings.LANGUAGE_CODE
    versions = {}
    for page in pages:
        versions.setdefault(page.translation_key, {})[page.locale.language_code] = page
    chosen = []
    for by_language in versions.values():
        page = by_language.get(language) or by_language.get(default) or next(iter(by_language.values()))
        chosen.append(page)
    return chosen


def content_language(page):
    """The language a page's text is written in: its locale's, except for an alias of a page in
    another locale (Wagtail makes those when an editor translates a page whose parent is not
    translated yet), which shows the original's text."""
    language = page.locale.language_code
    if page.alias_of_id:
        language = page.alias_of.locale.language_code
    return language
