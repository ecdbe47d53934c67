"""The publications of records and pages, newest first, with what each changed: the portal's recent
changes and the open data's change log read them."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import ModelLogEntry, Page, PageLogEntry

from .history import shown_value

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


def publications(limit, record_models, page_models=()):
    """The latest ``limit`` publications of records of ``record_models`` and of live pages of
    ``page_models``, newest first, each with what changed since the object's publication before it.
    A fixed number of queries: the objects are read in one query per type (so a record withdrawn
    since, whose page is gone, is left out; its history stays in the admin)."""
    record_types_ids = ContentType.objects.get_for_models(*record_models).values()
    records = list(
        ModelLogEntry.objects.filter(action=PUBLISH, content_type__in=record_types_ids, revision__isnull=False)
        .select_related("revision", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    pages = []
    if page_models:
        page_types_ids = ContentType.objects.get_for_models(*page_models).values()
        pages = list(
            PageLogEntry.objects.filter(
                action=PUBLISH, content_type__in=page_types_ids, page__live=True, revision__isnull=False
            )
            .select_related("revision")
            .order_by("-timestamp", "-pk")[:limit]
        )
    entries = sorted(records + pages, key=lambda entry: (entry.timestamp, entry.pk), reverse=True)[:limit]
    earlier = {
        **_earlier_publications(ModelLogEntry, [entry for entry in entries if isinstance(entry, ModelLogEntry)]),
        **_earlier_publications(PageLogEntry, [entry for entry in entries if isinstance(entry, PageLogEntry)]),
    }
    objects = _public_objects(entries)
    changes = []
    for entry in entries:
        obj = objects.get((entry.content_type_id, _object_id(entry)))
        if obj is None:
            continue
        previous = _previous(earlier.get((entry.content_type_id, _object_id(entry)), []), entry)
        changes.append(Change(entry, obj, _differences(obj, previous, entry.revision.content), previous is None))
    return changes


def _public_objects(entries):
    """{(content type, object id): object} of the entries' objects that are public now: each record
    type's public queryset (with what its title and address read), and the live pages, specific."""
    wanted = {}
    for entry in entries:
        wanted.setdefault(entry.content_type_id, set()).add(_object_id(entry))
    found = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        if issubclass(model, Page):
            objects = Page.objects.live().filter(pk__in=ids).specific()
        else:
            objects = model.public_queryset().filter(pk__in=ids)
        for obj in objects:
            found[(content_type_id, str(obj.pk))] = obj
    return found


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
