"""What every public record shares, and the one place that knows every record type.

A record type is a concrete model that subclasses ``PublicRecord`` and declares on itself what the
cross-cutting features need: its public listing, its search group, how a chapter section lists it,
its context for the page and the preview. Search, chapter sections, the dashboard, deletion
protection and cache invalidation find the types through Django's app registry (``record_types()``),
as Wagtail's ``publish_scheduled`` finds draft-state models: adding a record type is a model with its
declarations, nothing else."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from .i18n import Localizable
from .navigation import absolute_url, breadcrumbs


class PublicContent:
    """Marks a model whose rows the public site shows: saving or deleting a row changes the content
    version every cache is keyed on (``portal.caching``), and its links to other rows keep those from
    being deleted (``portal.editorial.deletion``)."""


class LiveQuerySet(SearchableQuerySetMixin, models.QuerySet):
    """The public site reads only live rows: a draft never shows."""

    def live(self):
        return self.filter(live=True)


class PublicRecord(
    PublicContent,
    Localizable,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A record editors keep (drafts, review, revisions, locking, preview) and visitors read.

    Each concrete type declares, as class attributes:

    - ``listing_url_name``: the URL name of its public listing, and ``listing_title`` its title when
      it is not the type's plural name;
    - ``detail_url_name``: the URL name of its own page (reversed with its slug), if it has one;
    - ``detail_template``: the template of that page, also used for previews;
    - ``nav_section``: the menu entry its pages belong to;
    - ``search_group``: the name of its group of results on /search/ (the ``type`` parameter, a
      public URL); empty: not searched. A searched type keeps its text for searching
      (``portal.foundations.folding.SearchTextMixin``); hits show ``public_title``,
      ``search_excerpt`` and ``search_context``;
    - ``chapter_item_template``: how a chapter section lists it (empty: chapters do not list it);
    - ``record_order``: where its type comes among the others (search, dashboard, sections);
    - ``export_name``: the name of its open data (``portal.data``): its files at
      ``/<lang>/<export_name>/export.csv|json|xlsx`` and its resource in the data package; empty: not
      exported. With it: ``export_title`` and ``export_description`` (the files' title and what
      they hold), ``export_filename`` (the downloads' names, before their date), ``export_filters``
      (the dotted path of its listing's filter set, whose parameters the files take),
      ``export_links`` ({many-to-many field: (column name, title)} of the link tables exported
      beside it, e.g. agreements' parties), ``export_queryset()`` (every live record with what its rows
      read, in bounded queries) and ``export_columns()`` (its ``Column``s, in order).

    A type with a page of its own is cited on it ("Cite this", ``portal.citations``) by its
    ``citation_title()``, ``public_title()`` unless it says otherwise.
    """

    listing_url_name = ""
    listing_title = ""
    detail_url_name = ""
    detail_template = ""
    nav_section = ""
    search_group = ""
    chapter_item_template = ""
    record_order = 100
    export_name = ""
    export_title = ""
    export_description = ""
    export_filename = ""
    export_filters = ""
    export_links = {}

    class Meta:
        abstract = True

    @classmethod
    def export_queryset(cls):
        """What the open data reads: every live record, with what its columns need."""
        return cls.public_queryset()

    @classmethod
    def export_columns(cls):
        """The columns of the type's open data, in order (see ``Column``)."""
        return []

    @classmethod
    def type_name(cls):
        """The record type's key in URLs and templates: 'agreement', 'initiative'."""
        return cls._meta.model_name

    @classmethod
    def type_label(cls):
        return capfirst(cls._meta.verbose_name_plural)

    @classmethod
    def public_queryset(cls):
        """Every live record, in the order the public site lists them."""
        return cls._default_manager.live()

    @classmethod
    def listing_url(cls):
        return reverse(cls.listing_url_name) if cls.listing_url_name else ""

    @classmethod
    def listing_label(cls):
        """The title of the type's public listing (``listing_title`` when declared)."""
        return cls.listing_title or cls.type_label()

    @classmethod
    def listing_breadcrumbs(cls, *trail):
        """Home › the type's listing › ``trail``."""
        return breadcrumbs((cls.listing_label(), cls.listing_url()), *trail)

    def get_absolute_url(self):
        return reverse(self.detail_url_name, kwargs={"slug": self.slug})

    def public_title(self):
        """The record's title in the reader's language."""
        return str(self)

    # Citations of the record's page ("Cite this").
    @classmethod
    def is_citable(cls):
        """Its records are cited on their own pages: the types that have one."""
        return bool(cls.detail_url_name)

    def citation_title(self):
        """What a citation of the record's page calls it, in the reader's language."""
        return self.public_title()

    # Search (for types with a ``search_group``): the text a hit's excerpt comes from, and its context line.
    def search_excerpt(self):
        return ""

    def search_context(self):
        return ""

    # The record's page and its preview share one context, as Wagtail's Page.get_context.
    def get_context(self, request):
        context = {
            self.type_name(): self,
            "object": self,
            "crumbs": self.breadcrumbs(),
            "nav_section": self.nav_section,
        }
        if self.detail_url_name and self.slug:
            context["canonical_url"] = absolute_url(request, self.get_absolute_url())
        return context

    def breadcrumbs(self):
        return self.listing_breadcrumbs((self.public_title(), None))

    def get_preview_template(self, request, mode_name):
        return self.detail_template

    def get_preview_context(self, request, mode_name):
        return self.get_context(request)


@dataclass(frozen=True)
class Column:
    """One column of a record type's open data, declared on its model (``export_columns``).

    ``key`` is the column's name in every file and every language; ``type`` its Table Schema type
    (string, integer, number, date); ``description`` what it holds. Its value is ``value(record,
    request)`` when given, else the record's attribute ``key`` (in the reader's language with
    ``localized``: ``record.localized.<key>``). A coded column names its ``codes`` (a ``TextChoices``
    class, or a callable giving [(code, label)]); a column with ``label_of`` holds the label, in the
    reader's language, of the coded column so named. ``many``: a list of values (joined with "; " in
    the files); ``url``: an absolute address; ``references``: the ``export_name`` of the type whose
    slugs it holds."""

    key: str
    type: str = "string"
    description: Any = ""
    value: Callable | None = None
    localized: bool = False
    codes: Any = None
    label_of: str = ""
    many: bool = False
    url: bool = False
    references: str = ""


def slug_column(description=None):
    """The record's slug: its identifier in the portal's addresses and the files' primary key."""
    return Column(
        "slug", description=description or _("The record's identifier in the portal's addresses; it never changes.")
    )


def coded_columns(key, codes, description, label_description=None):
    """A coded column and, beside it, its label in the reader's language (``status``, ``status_label``)."""
    return [
        Column(key, description=description, codes=codes),
        Column(
            f"{key}_label",
            description=label_description or _("The label of the code, in the file's language."),
            label_of=key,
        ),
    ]


def book_words_columns():
    """The book's own words (always its English) and the portal's Spanish translation of them."""
    return [
        Column("source_text", description=_("The book's own words, in English, as the book prints them.")),
        Column(
            "source_text_es", description=_("The portal's Spanish translation of the book's words, where there is one.")
        ),
    ]


def record_url(record, request):
    path = record.get_absolute_url()
    return absolute_url(request, path) if path else ""


def record_url_column(description=None):
    return Column(
        "url",
        description=description or _("The record's page on the portal, in the file's language."),
        value=record_url,
        url=True,
    )


def record_types():
    """Every public record type, in their declared order."""
    found = [model for model in apps.get_models() if issubclass(model, PublicRecord)]
    return sorted(found, key=lambda model: (model.record_order, model._meta.label))


def is_public_content(model):
    return issubclass(model, PublicContent)


def unique_slug(obj, text, max_length=80):
    """A slug made from ``text`` that no other record of the same model uses ('japan', 'japan-2')."""
    base = (slugify(text) or obj._meta.model_name)[: max_length - 4].strip("-")
    others = type(obj)._default_manager.exclude(pk=obj.pk) if obj.pk else type(obj)._default_manager.all()
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class SlugAndOrderMixin:
    """Editors may leave the slug empty (it is made from ``slug_source``), and a new record goes to
    the end of the book's order."""

    slug_source = "title"

    def clean(self):
        super().clean()
        self._fill_slug_and_order()

    def save(self, *args, **kwargs):
        self._fill_slug_and_order()
        super().save(*args, **kwargs)

    def _fill_slug_and_order(self):
        if not self.slug:
            source = self.slug_source(self) if callable(self.slug_source) else getattr(self, self.slug_source)
            self.slug = unique_slug(self, source, self._meta.get_field("slug").max_length)
        if self._state.adding and not self.book_order:
            last = type(self)._default_manager.order_by("-book_order").values_list("book_order", flat=True).first()
            self.book_order = (last or 0) + 1
