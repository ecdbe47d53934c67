"""The open data's change log: the latest publications of its records, newest first."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import ModelLogEntry

from .columns import exported_types

SHOWN = 20


def recent_publications(limit=SHOWN):
    """[{"when", "type", "title", "url"}] of the latest ``limit`` publications of records that are
    live now (a record unpublished since is left out): one query for the log, one per record type
    that appears in it."""
    models = exported_types()
    content_types = ContentType.objects.get_for_models(*models)
    model_of = {content_type.pk: model for model, content_type in content_types.items()}
    entries = list(
        ModelLogEntry.objects.filter(action="wagtail.publish", content_type__in=list(content_types.values()))
        .order_by("-timestamp", "-pk")
        .values_list("timestamp", "content_type_id", "object_id")[:limit]
    )
    wanted = {}
    for _when, content_type_id, object_id in entries:
        if object_id.isdigit():
            wanted.setdefault(content_type_id, set()).add(int(object_id))
    records = {}
    for content_type_id, ids in wanted.items():
        model = model_of[content_type_id]
        for record in model.public_queryset().filter(pk__in=ids):
            records[(content_type_id, str(record.pk))] = record
    changes = []
    for when, content_type_id, object_id in entries:
        record = records.get((content_type_id, object_id))
        if record is None:
            continue
        changes.append(
            {
                "when": when,
                "type": model_of[content_type_id]._meta.verbose_name,
                "title": record.public_title(),
                "url": record.get_absolute_url(),
            }
        )
    return changes
