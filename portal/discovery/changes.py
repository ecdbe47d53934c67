"""Every publication of a record or a page of the book, newest first, with what changed."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import ModelLogEntry, PageLogEntry

from portal.book.models import AuthorsPage, ChapterPage, HomePage
from portal.foundations.history import shown_value
from portal.foundations.records import record_types

PER_PAGE = 30
PUBLISH = "wagtail.publish"


class Change:
    """One publication: the object as published, when, and the fields it changed."""

    def __init__(self, entry, obj, changes, first):
        self.entry, self.object, self.changes, self.first = entry, obj, changes, first
        self.when = entry.timestamp

    @property
    def title(self):
        public_title = getattr(self.object, "public_title", None)
        return public_title() if public_title else self.object.title

    @property
    def url(self):
        return self.object.get_absolute_url() if hasattr(self.object, "get_absolute_url") else self.object.url

    @property
    def kind(self):
        return self.object._meta.verbose_name

    @property
    def history_url(self):
        """Where the record's page lists its own history (records with tracked fields), else its page."""
        return f"{self.url}#history-heading" if getattr(self.object, "tracked_fields", None) else self.url


def publications(limit):
    """The latest ``limit`` publications of records and of the book's pages, newest first, each with
    what changed since the object's publication before it: a fixed number of queries (two for each
    kind of log, and the objects as published are read from their revisions)."""
    record_models = [model for model in record_types() if model.detail_url_name or model.listing_url_name]
    record_types_ids = ContentType.objects.get_for_models(*record_models).values()
    records = list(
        ModelLogEntry.objects.filter(action=PUBLISH, content_type__in=record_types_ids, revision__isnull=False)
        .select_related("revision", "content_type")
        .prefetch_related("revision__content_object")
        .order_by("-timestamp", "-pk")[:limit]
    )
    page_types_ids = ContentType.objects.get_for_models(HomePage, ChapterPage, AuthorsPage).values()
    pages = list(
        PageLogEntry.objects.filter(
            action=PUBLISH, content_type__in=page_types_ids, page__live=True, revision__isnull=False
        )
        .select_related("revision", "page", "page__locale")
        .order_by("-timestamp", "-pk")[:limit]
    )
    entries = sorted(records + pages, key=lambda entry: (entry.timestamp, entry.pk), reverse=True)[:limit]
    earlier = {
        **_earlier_publications(ModelLogEntry, [entry for entry in entries if isinstance(entry, ModelLogEntry)]),
        **_earlier_publications(PageLogEntry, [entry for entry in entries if isinstance(entry, PageLogEntry)]),
    }
    changes = []
    for entry in entries:
        if isinstance(entry, PageLogEntry):
            obj = entry.page.specific
        else:
            # Withdrawn since: its page is gone, so it is not listed (its history stays in the admin).
            current = entry.revision.content_object
            if current is None or not current.live:
                continue
            obj = entry.revision.as_object()
        previous = _previous(earlier.get((entry.content_type_id, _object_id(entry)), []), entry)
        changes.append(Change(entry, obj, _differences(obj, previous, entry.revision.content), previous is None))
    return changes


def _earlier_publications(log_model, entries):
    """{(content type, object id): [(timestamp, content)]} of every publication of these entries'
    objects, in one query."""
    if not entries:
        return {}
    objects = {(entry.content_type_id, _object_id(entry)) for entry in entries}
    id_field = "page_id" if log_model is PageLogEntry else "object_id"
    found = {}
    publications = (
        log_model.objects.filter(
            action=PUBLISH,
            content_type_id__in={content_type for content_type, _id in objects},
            revision__isnull=False,
            **{f"{id_field}__in": {object_id for _type, object_id in objects}},
        )
        .select_related("revision")
        .only("timestamp", "content_type_id", id_field, "revision__content")
    )
    for publication in publications:
        key = (publication.content_type_id, _object_id(publication))
        if key in objects:
            found.setdefault(key, []).append((publication.timestamp, publication.revision.content))
    return found


def _previous(publications, entry):
    before = [(timestamp, content) for timestamp, content in publications if timestamp < entry.timestamp]
    return max(before, key=lambda item: item[0])[1] if before else None


def _differences(obj, before, after):
    fields = getattr(type(obj), "tracked_fields", [])
    before = before or {}
    return [
        (
            obj._meta.get_field(name).verbose_name,
            shown_value(obj, name, before.get(name)),
            shown_value(obj, name, after.get(name)),
        )
        for name in fields
        if before.get(name) != after.get(name)
    ]


def _object_id(entry):
    """A log entry's object, as a string for both kinds of log (a page's entry names it by page_id)."""
    return str(entry.page_id) if isinstance(entry, PageLogEntry) else str(entry.object_id)
