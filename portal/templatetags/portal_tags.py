import re

from django import template
from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from portal.data.columns import table_named
from portal.discovery import metadata
from portal.foundations import i18n
from portal.foundations.i18n import is_untranslated
from portal.foundations.identity import PORTAL_NAME
from portal.foundations.listing import paginate as paginate_queryset
from portal.foundations.navigation import absolute_url
from portal.search.results import run_search

register = template.Library()


@register.filter
def untranslated(obj, fields):
    """{{ record|untranslated:"title,description" }}: Spanish is read and one of them has English text
    but no Spanish text yet."""
    return any(is_untranslated(obj, field.strip()) for field in fields.split(","))


@register.simple_tag
def localized_text(record, field, capitalized=False):
    """{% localized_text record "notes" %}: ``record.localized.notes``, escaped, and marked
    lang="en" while Spanish is read and only the English is written (bare numbers unmarked);
    ``capitalized=True`` gives it a capital first letter."""
    text = getattr(record.localized, field) or ""
    text = conditional_escape(capfirst(text) if capitalized else text)
    if not i18n.is_untranslated(record, field) or not re.search(r"[^\W\d_]", str(text)):
        return text
    return mark_safe(f'<span lang="en">{text}</span>')  # noqa: S308 - text is escaped above


@register.filter(needs_autoescape=True)
def in_language(value, language, autoescape=True):
    """{{ section.title|in_language:section.lang }}: text marked with its language (a <span lang>)
    when it differs from the page's."""
    text = conditional_escape(value) if autoescape else value
    if not value or not language or language == i18n.active_language():
        return text
    return mark_safe(f'<span lang="{conditional_escape(language)}">{text}</span>')  # noqa: S308 - both escaped


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def book_section(context, record):
    """{% book_section record as section %}: ``section`` is the address of the book section a record
    links to (empty when it has none), ``section.title`` its heading and ``section.lang`` the
    heading's language, for a visitor reading in the active language."""
    return i18n.book_section(record, context.get("request"))


@register.inclusion_tag("components/chapter_pager.html", takes_context=True)
def chapter_pager(context):
    book = context["book"]
    previous, following = book.neighbours(context["page"])
    links = {"previous": previous, "following": following}
    for name, chapter in list(links.items()):
        if chapter is not None:
            _page, links[f"{name}_url"], links[f"{name}_lang"] = i18n.reading_version(
                chapter, translations=book.translations
            )
    return links


@register.simple_tag(takes_context=True)
def page_url(context, page):
    """{% page_url chapter %}: where to link one of the book's pages for a visitor reading in the
    active language. Like ``page.url``, the URL is built without the request (no Site lookup)."""
    book = context.get("book")
    return i18n.page_url(page, translations=book.translations if book else None)


@register.simple_tag(takes_context=True)
def content_language(context, page):
    """{% content_language page as page_language %}: the language the page's text is written in."""
    if not page:
        return ""
    book = context.get("book")
    if book is not None:
        # The page, or the original of an alias, is one of the book's pages, already loaded with its
        # locale.
        for loaded in book.pages:
            if loaded.pk == (page.alias_of_id or page.pk):
                return loaded.locale.language_code
    return i18n.content_language(page)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """[(code, name, url)] of this very page in each language, query string (filters) included.

    Records and listings share their paths across languages: swapping the prefix is enough. A book
    page links to its translation (which may have a slug of its own) where one is live, else to the
    original page under the other prefix, where it is served as it is."""
    request = context.get("request")
    if request is None:
        return []
    query = request.META.get("QUERY_STRING", "")
    suffix = f"?{query}" if query else ""
    page, book = context.get("page"), context.get("book")
    versions = book.versions(page) if page is not None and book is not None and getattr(page, "live", False) else {}
    original = versions.get(settings.LANGUAGE_CODE)
    links = []
    for code, _name in settings.LANGUAGES:
        if code in versions:
            url = versions[code].get_url(request)
        elif original is not None:
            url = i18n.with_language_prefix(original.get_url(request), code)
        elif request.resolver_match is None:
            # A page that does not exist (the 404 page): its path is the visitor's, possibly
            # "//another.host/…", never to be echoed into a link. The language's home instead.
            url = f"/{code}/"
        else:
            url = i18n.with_language_prefix(request.path, code)
        links.append((code, get_language_info(code)["name_local"], url + suffix))
    return links


@register.simple_tag(takes_context=True)
def absolute(context, path):
    """{% absolute url %}: the canonical absolute address of a path on this site."""
    return absolute_url(context["request"], path)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """{% canonical_url as canonical %}: the page's canonical address: the view's ``canonical_url``,
    else a book page's own address (an untranslated page shown under another language points to its
    original)."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not getattr(page, "live", False):
        return ""
    url = page.get_url(request)
    return url if not url or "://" in url else absolute_url(request, url)


@register.simple_tag(takes_context=True)
def paginate(context, queryset):
    """{% paginate filter.qs as page_obj %}: the page of results the request asks for, read where the
    template needs it, so a listing whose results come from the fragment cache runs no query."""
    return paginate_queryset(context["request"], queryset)


@register.simple_tag(takes_context=True)
def search_results(context, query, kind):
    """{% search_results query kind as results %}: /search/'s results, read where the template needs
    them (inside their cached fragment)."""
    return run_search(context["request"], query, kind)


@register.simple_tag(takes_context=True)
def original_version(context, page):
    """{% original_version page as original %}: the page in the book's own language when ``page`` is a
    translation of it (None otherwise)."""
    book = context.get("book")
    if book is None or page is None:
        return None
    original = book.versions(page).get(settings.LANGUAGE_CODE)
    return original.specific if original is not None and original.pk != page.pk else None


@register.inclusion_tag("components/metadata.html", takes_context=True)
def page_metadata(context, default_description):
    """The head's tags for other readers of the page: Open Graph, Twitter, JSON-LD, citation_*."""
    request = context["request"]
    found = metadata.entities(context)
    title, description = metadata.title_and_description(context)
    json_ld = {"@context": "https://schema.org", "@graph": found} if found else None
    is_book = bool(found) and found[0].get("@type") == "Book"
    return {
        "title": title,
        "description": description or default_description,
        "canonical": canonical_url(context),
        "image": metadata.share_image(request),
        "site_name": PORTAL_NAME,
        "locale": "es_PE" if i18n.active_language() == "es" else "en_GB",
        "type": "book" if is_book else "website",
        "og_extra": [("book:isbn", found[0]["isbn"]), ("book:release_date", metadata.PUBLISHED)] if is_book else [],
        "json_ld": metadata.json_ld(json_ld) if json_ld else "",
        "citation": metadata.highwire_tags(context),
    }


@register.inclusion_tag("components/exports.html")
def downloads(export_name, filterset=None):
    """{% downloads "agreements" filter %}: the links to a listing's files (CSV, JSON, Excel), with
    the filters applied (not the page), and to the data page."""
    table = table_named(export_name)
    query = filterset.query if filterset is not None else ""
    return {"exports": table.links(query) if table is not None else [], "filtered": bool(query)}
