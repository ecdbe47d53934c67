"""What search engines, social networks and reference managers read in a page's head: its title and
description, Open Graph and Twitter card tags, schema.org JSON-LD (the book, a chapter, the authors,
the publishers, a record, the breadcrumbs) and, on the book's pages, Highwire Press citation_* tags
(Zotero and Google Scholar import the book from them)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from portal.book.models import ChapterPage, HomePage
from portal.foundations.i18n import active_language
from portal.foundations.identity import PORTAL_NAME
from portal.foundations.navigation import absolute_url, breadcrumbs

PUBLISHED = "2022-04"


def _book_home(book):
    """The book's home page in its own (English) words: the book's title is the English report's."""
    homes = [page for page in book.pages if isinstance(page, HomePage) and page.locale.language_code == "en"]
    return homes[0] if homes else book.home


def book_reference(book, request):
    """The book as a record points to it: identified, named, its ISBN (the header's pages only)."""
    home = _book_home(book)
    if home is None:
        return None
    return {
        "@type": "Book",
        "@id": absolute_url(request, "/en/") + "#book",
        "name": f"{home.title} {home.subtitle}".strip(),
        "isbn": home.isbn,
    }


def book_entity(book, request):
    """The book in full, with its authors and publishers."""
    reference = book_reference(book, request)
    if reference is None:
        return None
    home = _book_home(book)
    return {
        **reference,
        "datePublished": PUBLISHED,
        "bookEdition": home.edition,
        "inLanguage": "en",
        "author": [person_entity(author) for author in book.authors],
        "publisher": [organization_entity(publisher) for publisher in book.publishers],
        "url": absolute_url(request, "/en/"),
    }


def person_entity(author):
    person = {"@type": "Person", "name": author.name}
    if author.orcid_url:
        person["sameAs"] = [author.orcid_url]
        person["identifier"] = author.orcid_url
    return person


def organization_entity(publisher):
    organization = {"@type": "Organization", "name": publisher.name, "address": publisher.address}
    if publisher.parent:
        organization["parentOrganization"] = {"@type": "Organization", "name": publisher.parent}
    if publisher.email:
        organization["email"] = publisher.email
    return organization


def breadcrumb_entity(crumbs, request):
    """The visible breadcrumbs (the view's ``crumbs``) as a schema.org BreadcrumbList: the same names
    and addresses, the current page (no link) at its own address on the canonical host."""
    items = []
    for position, (name, url) in enumerate(crumbs, start=1):
        item = {"@type": "ListItem", "position": position, "name": str(name)}
        item["item"] = absolute_url(request, url or request.path)
        items.append(item)
    return {"@type": "BreadcrumbList", "itemListElement": items}


def entities(context):
    """The page's schema.org entities. The book's own entity (and its authors and publishers) is
    built only for the pages that speak of it, so listings cost no query for it."""
    request, book = context.get("request"), context.get("book")
    page, record = context.get("page"), context.get("object")
    found = []
    if book is not None:
        found.extend(_book_entities(book, request, page, record))
    # What a view describes itself (the data page: its Dataset).
    found.extend(context.get("schema_org", []))
    crumbs = context.get("crumbs")
    if not crumbs and page is not None and not isinstance(page, HomePage):
        # The book's pages show no breadcrumb trail: the home page is their parent.
        crumbs = breadcrumbs((page.title, None))
    if crumbs:
        found.append(breadcrumb_entity(crumbs, request))
    return found


def _book_entities(book, request, page, record):
    if page is None:
        return _record_entities(book, request, record)
    if not (isinstance(page, HomePage | ChapterPage) or page.specific_class.__name__ == "AuthorsPage"):
        return []
    book_data = book_entity(book, request)
    if book_data is None:
        return []
    if isinstance(page, HomePage):
        return [book_data]
    if isinstance(page, ChapterPage):
        return [
            {
                "@type": "Chapter",
                "name": page.title,
                "position": page.number,
                "inLanguage": active_language(),
                "url": absolute_url(request, page.url) if page.url and "://" not in page.url else page.url,
                "isPartOf": book_data,
                "author": book_data["author"],
            }
        ]
    return book_data["author"]


def _record_entities(book, request, record):
    """A record with a page of its own (not a draft being previewed before it has an address)."""
    if record is None or not hasattr(record, "public_title") or not getattr(record, "slug", None):
        return []
    reference = book_reference(book, request)
    if reference is None:
        return []
    return [
        {
            "@type": "CreativeWork",
            "name": record.public_title(),
            "description": strip_tags(record.search_excerpt())[:500],
            "url": absolute_url(request, record.get_absolute_url()),
            "inLanguage": active_language(),
            "isBasedOn": reference,
        }
    ]


def highwire_tags(context):
    """[(name, content)] of citation_* tags for the book's home page and its chapters."""
    request, book, page = context.get("request"), context.get("book"), context.get("page")
    if book is None or not isinstance(page, HomePage | ChapterPage):
        return []
    home = _book_home(book)
    if home is None:
        return []
    book_title = f"{home.title} {home.subtitle}".strip()
    tags = []
    if isinstance(page, ChapterPage):
        english = book.versions(page).get("en", page)
        tags += [("citation_title", english.title), ("citation_inbook_title", book_title)]
    else:
        tags.append(("citation_title", book_title))
    tags += [("citation_author", author.sort_name) for author in book.authors]
    tags += [
        ("citation_publication_date", "2022/04"),
        ("citation_publisher", "; ".join(publisher.name for publisher in book.publishers)),
        ("citation_isbn", home.isbn),
        ("citation_language", "en"),
        ("citation_public_url", absolute_url(request, request.path)),
    ]
    return tags


def share_image(request):
    return absolute_url(request, static("portal/share.png"))


def title_and_description(context):
    """The page's own title and description: a book page's, a record's, else the last breadcrumb's."""
    page, record, crumbs = context.get("page"), context.get("object"), context.get("crumbs")
    if page is not None:
        return page.seo_title or page.title, page.search_description or getattr(page, "summary", "")
    if record is not None and hasattr(record, "public_title"):
        return record.public_title(), strip_tags(record.search_excerpt())[:300]
    if crumbs:
        return str(crumbs[-1][0]), ""
    return str(PORTAL_NAME), ""


JSON_LD_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """A <script type="application/ld+json"> element, its JSON escaped so that no text in it can end
    the element (as Django's json_script does)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_LD_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
