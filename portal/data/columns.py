"""The tables of the open data, read from what each record type declares on its model
(``export_name``, ``export_columns()``, ``export_links``…): no list of models is kept here.

A record type gives one table (one row per live record); each of its ``export_links`` gives a link
table beside it (``agreement_parties``: one row per agreement and live party), which the data
package uses to express a many-to-many link as foreign keys. Values are Python values (text, numbers,
dates, lists); the writers (``writers.py``) turn them into each format's cells."""

import abc

from django.http import QueryDict
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal.foundations.records import Column, record_types

FORMATS = ("csv", "json", "xlsx")
FORMAT_LABELS = {"csv": "CSV", "json": "JSON", "xlsx": "Excel"}
# Records read per query (each chunk is one query, and one per prefetched relation), so memory stays flat
# however many records there are.
CHUNK_SIZE = 500
# Link rows read per query: two slugs each, so more than records, and fewer than the 999 parameters a
# query may hold in the oldest SQLite that Django supports.
LINKS_PER_QUERY = 900


def exported_types():
    """The record types with open data, in their declared order."""
    return [model for model in record_types() if model.export_name]


def codes_of(column):
    """[(code, label)] of a coded column (labels lazy or in the active language)."""
    codes = column.codes
    if codes is None:
        return []
    if hasattr(codes, "choices"):
        return list(codes.choices)
    return list(codes() if callable(codes) else codes)


class Table(abc.ABC):
    """One file of the open data, in three formats, and one resource of the data package."""

    name = ""
    title = ""
    description = ""
    filename = ""
    url_name = ""
    model = None

    @abc.abstractmethod
    def columns(self):
        """The file's columns, in order: each kind of table (a record type's, a link table) says them."""

    @cached_property
    def keys(self):
        return [column.key for column in self.columns()]

    primary_key = ["slug"]

    def filterset(self, params):
        """The listing's filter set bound to ``params`` (None when the type has none)."""
        if not self.model.export_filters:
            return None
        filterset_class = import_string(self.model.export_filters)
        return filterset_class(params, queryset=self.model.export_queryset())

    def records(self, params=None):
        """(the live records the filters in ``params`` select (all without), [(parameter, value)] of
        the filters applied)."""
        filterset = self.filterset(params if params is not None else QueryDict())
        if filterset is None:
            return self.model.export_queryset(), []
        return filterset.qs, filterset.applied()

    def url(self, format="csv", query=""):
        path = reverse(self.url_name, kwargs={"format": format})
        return f"{path}?{query}" if query else path

    def links(self, query=""):
        """[(label, URL)] of the table's three formats, with ``query`` (the applied filters)."""
        return [(FORMAT_LABELS[format], self.url(format, query)) for format in FORMATS]


class RecordTable(Table):
    """The table of one record type: one row per live record the filters select."""

    def __init__(self, model):
        self.model = model
        self.name = model.export_name
        self.title = model.export_title or capfirst(model._meta.verbose_name_plural)
        self.description = model.export_description
        self.filename = model.export_filename or f"peru-{model.export_name}"
        self.url_name = f"{model.type_name()}_export"

    def columns(self):
        return self.model.export_columns()

    def foreign_keys(self):
        """[(column key, the resource its values are slugs of)] of the single-valued references (a
        multi-valued one is a link table's)."""
        return [(column.key, column.references) for column in self.columns() if column.references and not column.many]

    def count(self, queryset):
        return queryset.count()

    def rows(self, queryset, request):
        """One list of values per record, in the columns' order; the queryset is read in chunks."""
        columns = self.columns()
        labels = {
            column.key: {code: str(label) for code, label in codes_of(column)} for column in columns if column.codes
        }
        for record in in_chunks(queryset, CHUNK_SIZE):
            values = {}
            for column in columns:
                values[column.key] = self.value(column, record, request, values, labels)
            yield [values[column.key] for column in columns]

    @staticmethod
    def value(column, record, request, values, labels):
        if column.label_of:
            return labels.get(column.label_of, {}).get(values.get(column.label_of) or "", "")
        if column.value is not None:
            return column.value(record, request)
        return getattr(record.localized if column.localized else record, column.key)


class LinkTable(Table):
    """The link table of a record type's many-to-many field (agreements' ``parties``): one row per
    record the filters select and live record it links to, both by slug."""

    def __init__(self, model, field_name, column_name, title):
        self.model = model
        self.field = model._meta.get_field(field_name)
        self.target = self.field.related_model
        self.source_key = model.type_name()
        self.target_key = column_name
        self.name = f"{model.type_name()}_{field_name}"
        self.title = title
        self.filename = f"{model.export_filename or f'peru-{model.export_name}'}-{field_name.replace('_', '-')}"
        self.url_name = f"{self.name}_export"
        self.primary_key = [self.source_key, self.target_key]

    @property
    def description(self):
        return _("One row per link between the two files' records, both named by their slugs.")

    def columns(self):
        return [
            Column(
                self.source_key,
                description=_("The slug of a record of the %(file)s file.") % {"file": self.model.export_name},
                references=self.model.export_name,
            ),
            Column(
                self.target_key,
                description=_("The slug of a record of the %(file)s file.") % {"file": self.target.export_name},
                references=self.target.export_name,
            ),
        ]

    def foreign_keys(self):
        return [(self.source_key, self.model.export_name), (self.target_key, self.target.export_name)]

    @cached_property
    def slugs(self):
        """The lookups of a link's two slugs, from the link model: what a row holds and the file's order."""
        return f"{self.field.m2m_field_name()}__slug", f"{self.field.m2m_reverse_field_name()}__slug"

    def records(self, params=None):
        owners, applied = super().records(params)
        source, target = self.field.m2m_field_name(), self.field.m2m_reverse_field_name()
        links = (
            self.field.remote_field.through.objects.filter(
                **{f"{source}__in": owners.order_by().values("pk"), f"{target}__live": True}
            )
            .order_by(*self.slugs)
            .values_list(*self.slugs)
        )
        return links, applied

    def count(self, queryset):
        return queryset.count()

    def rows(self, queryset, request):
        """The links' two slugs, read as records are (``in_chunks``): their keys first, in the file's
        order, then ``LINKS_PER_QUERY`` links a query."""
        for ids in ids_in_chunks(queryset, LINKS_PER_QUERY):
            yield from self.slugs_in_order(ids)

    def slugs_in_order(self, ids):
        """[source, target] of the links of ``ids``, in their order, those of a record unpublished since the
        keys were read left out. The filters chose the keys: running them again for each chunk would read
        every record they select each time."""
        ends = (self.field.m2m_field_name(), self.field.m2m_reverse_field_name())
        links = self.field.remote_field.through.objects.filter(pk__in=ids, **{f"{end}__live": True for end in ends})
        found = {pk: [source, target] for pk, source, target in links.values_list("pk", *self.slugs)}
        return [found[pk] for pk in ids if pk in found]


def in_chunks(queryset, size):
    """The queryset's records in its order, read ``size`` at a time by primary key: each chunk is an
    ordinary query with the queryset's prefetches, so memory stays flat and no database cursor stays
    open between chunks (a server-side cursor would, for as long as the file is being sent, and
    cannot go through a connection pooler in transaction mode).

    A chunk is let go before the next one is read: memory holds one chunk at a time."""
    for ids in ids_in_chunks(queryset, size):
        yield from records_in_order(queryset, ids)


def ids_in_chunks(queryset, size):
    """The queryset's primary keys in its order, ``size`` at a time. They are read first, all at once:
    one query fixes which rows the file holds and their order, whatever the order is (expressions,
    ties, NULLs), and each chunk is then found by primary key; a key takes a few dozen bytes, a row
    read many more."""
    ids = list(dict.fromkeys(queryset.values_list("pk", flat=True)))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def records_in_order(queryset, ids):
    """The records of ``ids`` (one query and its prefetches), in the order of ``ids``; those gone since
    the keys were read are left out."""
    found = {record.pk: record for record in queryset.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def tables():
    """Every table of the open data: each record type's, then its link tables."""
    found = []
    for model in exported_types():
        found.append(RecordTable(model))
        for field_name, (column_name, title) in model.export_links.items():
            found.append(LinkTable(model, field_name, column_name, title))
    return found


def table_named(name):
    return next((table for table in tables() if table.name == name), None)


def query_of(filterset_applied):
    """The applied filters as a query string, for links to the files."""
    query = QueryDict(mutable=True)
    for name, value in filterset_applied:
        query[name] = value
    return query.urlencode()
