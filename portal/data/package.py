"""What describes the open data: the Frictionless Data Package (``datapackage.json``) with a Table
Schema per table, the licence, the book the data comes from, the dataset's version and date, and how
to cite it."""

import re

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Locale, ModelLogEntry

from portal.book.models import Author, HomePage, Publisher
from portal.caching.version import memoized
from portal.foundations.identity import PORTAL_NAME
from portal.foundations.navigation import absolute_url

from .columns import codes_of, exported_types, tables
from .models import DataLicence

PACKAGE_NAME = "peru-foreign-policy-open-data"
# The version of the files' layout: the minor number rises when columns are added, the major when
# columns are removed or renamed (scripts read them by key).
VERSION = "1.0.0"
SEPARATOR_NOTE = "; "
CHANGE_ACTIONS = ("wagtail.publish", "wagtail.unpublish", "wagtail.delete")
CITATION_FORMATS = [("bib", "bibtex"), ("ris", "ris"), ("json", "csl-json")]


def dataset_title():
    return _("%(portal)s: open data") % {"portal": PORTAL_NAME}


def dataset_description():
    return _(
        "The trade agreements, partners, strategic partnerships, initiatives and key figures the book "
        "documents, as the portal publishes them: one table per kind of record, and link tables for "
        "the records linked to several others. Texts are in the language of this package's address; "
        "the book's own words are always its English."
    )


def licence_of(request):
    """The data's licence (the site setting): {"name", "url"} and more for the page and the package."""
    return DataLicence.for_request(request)


def licence_metadata(licence):
    return {"name": licence.name, "url": licence.url}


def _book():
    home = HomePage.objects.live().filter(locale=Locale.get_default()).first()
    authors = list(Author.objects.all())
    publishers = list(Publisher.objects.all())
    links = [block.value for block in home.repository_links] if home else []
    year = re.search(r"\b(1[89]|20)\d\d\b", home.edition if home else "")
    title = f"{home.title} {home.subtitle}".strip() if home else ""
    publisher_names = [f"{p.name}, {p.parent}" if p.parent else p.name for p in publishers]
    source = {
        "title": title,
        "authors": [author.name for author in authors],
        "publishers": publisher_names,
        "year": int(year.group()) if year else None,
        "isbn": home.isbn if home else "",
        "url": links[0]["url"] if links else "",
        "rights": home.rights_notice if home else "",
    }
    # The source as the data package names it (not a citation style: the citations are portal.citations').
    source["reference"] = f"{', '.join(source['authors'])}: {title} ({source['year']}), ISBN {source['isbn']}"
    source["author_records"] = [(author.name, author.orcid_url) for author in authors]
    source["publisher_records"] = [
        (p.short_name, p.name, (p.links[0].value["url"] if p.links else "")) for p in publishers
    ]
    return source


def book(request=None):
    """The book the data comes from (its original, English edition): title, authors, publishers,
    year, ISBN, where to read it and its rights notice. Three queries, kept while
    the content does not change."""
    return memoized("open-data-book", _book, request)


def source_metadata(request):
    """The ``source`` of a JSON file: the book."""
    source = book(request)
    return {key: source[key] for key in ("title", "authors", "publishers", "year", "isbn", "url")}


def last_modified():
    """When a record of the open data was last published, unpublished or deleted (None before any)."""
    types = ContentType.objects.get_for_models(*exported_types()).values()
    entry = (
        ModelLogEntry.objects.filter(action__in=CHANGE_ACTIONS, content_type__in=types)
        .order_by("-timestamp")
        .values_list("timestamp", flat=True)
        .first()
    )
    return entry


def citation_files(request):
    """Where to download the dataset's citation ({format: URL}); the data page shows it rendered."""
    return {
        name: absolute_url(request, reverse("dataset_citation", args=[format])) for format, name in CITATION_FORMATS
    }


def codes_note(codes):
    return _("Codes: %(codes)s.") % {"codes": "; ".join(f"{code} ({label})" for code, label in codes)}


def field_descriptor(column):
    """A column as a Table Schema field."""
    description = str(column.description)
    field = {"name": column.key, "type": column.type}
    codes = codes_of(column)
    constraints = {}
    if codes:
        description = f"{description} {codes_note(codes)}"
        if not column.many:
            constraints["enum"] = [code for code, _label in codes]
            field["x-labels"] = {code: str(label) for code, label in codes}
    if column.many:
        several = _("Several values are separated by a semicolon and a space.")
        description = f"{description} {several}"
    if column.url:
        field["format"] = "uri"
    if column.key == "slug":
        constraints.update(required=True, unique=True)
    field["description"] = description
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table):
    schema = {
        "fields": [field_descriptor(column) for column in table.columns()],
        "primaryKey": table.primary_key,
        "missingValues": [""],
    }
    foreign_keys = [
        {"fields": key, "reference": {"resource": resource, "fields": "slug"}} for key, resource in table.foreign_keys()
    ]
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def resource_descriptor(table, request):
    return {
        "name": table.name,
        "title": str(table.title),
        "description": str(table.description),
        "profile": "tabular-data-resource",
        "path": absolute_url(request, table.url("csv")),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table_schema(table),
    }


def descriptor(request):
    """The data package: every table as a resource whose ``path`` is its CSV file's address."""
    licence = licence_of(request)
    source = book(request)
    modified = last_modified()
    licence_descriptor = {"path": licence.url, "title": licence.name}
    if licence.identifier:
        licence_descriptor = {"name": licence.identifier, **licence_descriptor}
    contributors = [
        {"title": name, "role": "author", **({"path": url} if url else {})} for name, url in source["author_records"]
    ]
    contributors += [
        {"title": name, "role": "publisher", "organization": short, **({"path": url} if url else {})}
        for short, name, url in source["publisher_records"]
    ]
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": dataset_title(),
        "description": dataset_description(),
        "homepage": absolute_url(request, reverse("open_data")),
        "version": VERSION,
        "created": timezone.now().isoformat(timespec="seconds"),
        "lastModified": modified.isoformat(timespec="seconds") if modified else None,
        "licenses": [licence_descriptor],
        "x-licence-note": licence.localized.note,
        "x-book-rights": source["rights"],
        "sources": [{"title": source["reference"], **({"path": source["url"]} if source["url"] else {})}],
        "contributors": contributors,
        "x-citation": citation_files(request),
        "resources": [resource_descriptor(table, request) for table in tables()],
    }
    if modified is None:
        del package["lastModified"]
    return package


MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def dataset_entity(request, licence, source, modified=None):
    """The open data as a schema.org Dataset (for search engines' dataset search): its ``licence``,
    creators, the book it is based on (``source``, as ``book()`` gives it), and a DataDownload for
    each file and the data package."""
    distribution = [
        {
            "@type": "DataDownload",
            "name": f"{table.title} ({format.upper()})",
            "encodingFormat": media_type,
            "contentUrl": absolute_url(request, table.url(format)),
        }
        for table in tables()
        for format, media_type in MEDIA_TYPES.items()
    ]
    distribution.append(
        {
            "@type": "DataDownload",
            "name": "datapackage.json",
            "encodingFormat": "application/json",
            "contentUrl": absolute_url(request, reverse("open_data_package")),
        }
    )
    creators = [
        {"@type": "Person", "name": name, **({"sameAs": [url]} if url else {})}
        for name, url in source["author_records"]
    ]
    entity = {
        "@type": "Dataset",
        "name": str(dataset_title()),
        "description": dataset_description(),
        "url": absolute_url(request, reverse("open_data")),
        "version": VERSION,
        "license": licence.url,
        "creator": creators,
        "publisher": [{"@type": "Organization", "name": name} for _short, name, _url in source["publisher_records"]],
        "isBasedOn": {"@type": "Book", "name": source["title"], "isbn": source["isbn"]},
        "distribution": distribution,
    }
    if modified:
        entity["dateModified"] = modified.isoformat(timespec="seconds")
    return entity
