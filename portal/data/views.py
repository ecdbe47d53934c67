"""The open data's addresses: each table's files, the data package and the data page."""

import itertools

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.foundations.navigation import absolute_url, breadcrumbs
from portal.foundations.publications import publications

from . import package, writers
from .columns import FORMATS, codes_of, exported_types, table_named, tables

# The data page's change log: the latest publications of the records its files hold.
CHANGES_SHOWN = 20


@require_safe
def export(request, table, format):
    """A table's file in ``format``, with the listing's filters (invalid values ignored, as there)."""
    table = table_named(table)
    if table is None or format not in FORMATS:
        raise Http404
    records, applied = table.records(request.GET)
    rows = started(table.rows(records, request))
    if format == "csv":
        return writers.as_csv(table, table.keys, rows)
    if format == "xlsx":
        return writers.as_xlsx(table, table.columns(), rows, str(table.title))
    metadata = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "licence": package.licence_metadata(package.licence_of(request)),
        "count": table.count(records),
        "filters": dict(applied),
        "source": package.source_metadata(request),
    }
    return writers.as_json(table, table.keys, rows, metadata)


def started(rows):
    """The rows with the first one already read, so that the database is reached before the
    response starts: if it is down, the visitor gets the 503 page, not a cut file."""
    rows = iter(rows)
    first = next(rows, None)
    return rows if first is None else itertools.chain([first], rows)


@require_safe
def datapackage(request):
    return JsonResponse(package.descriptor(request), json_dumps_params={"ensure_ascii": False, "indent": 1})


def dictionary(table):
    """The data dictionary of one table: [{"key", "type", "description", "codes", "many", "references"}]."""
    return [
        {
            "key": column.key,
            "type": column.type,
            "description": column.description,
            "codes": codes_of(column),
            "many": column.many,
            "references": column.references,
            "label_of": column.label_of,
        }
        for column in table.columns()
    ]


class DataPageContent:
    """What each file holds and the latest publications: read when the fragments showing them are
    rendered, not when the fragment cache answers."""

    @cached_property
    def files(self):
        return [
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "links": table.links(),
                "count": table.count(table.records()[0]),
                "columns": dictionary(table),
            }
            for table in tables()
        ]

    @cached_property
    def changes(self):
        return publications(CHANGES_SHOWN, exported_types())


@require_safe
def data_page(request):
    """What each file holds (its formats, its rows, its columns), the licence, the version, how to cite
    the data, and the latest publications."""
    modified = package.last_modified()
    licence, source = package.licence_of(request), package.book(request)
    return render(
        request,
        "portal/data.html",
        {
            "content": DataPageContent(),
            "licence": licence,
            "book_source": source,
            "version": package.VERSION,
            "modified": modified,
            "package_url": absolute_url(request, reverse("open_data_package")),
            "canonical_url": absolute_url(request, reverse("open_data")),
            "crumbs": breadcrumbs((_("Open data"), None)),
            "schema_org": [package.dataset_entity(request, licence, source, modified)],
            "nav_section": "data",
        },
    )
