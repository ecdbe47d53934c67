"""The public change history of a revisioned record: what each publication changed."""

import datetime

from wagtail.models import ModelLogEntry


def shown_value(obj, field, value):
    """A revision's stored value as a visitor reads it: a choice's label, a date."""
    if value in (None, ""):
        return None
    choices = dict(obj._meta.get_field(field).flatchoices)
    if choices:
        return choices.get(value, value)
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def change_history(obj, fields):
    """Every publication of ``obj``, newest first: {"when", "first", "changes": [(label, old, new)]},
    comparing each published revision of ``fields`` with the one published before it. One query."""
    entries = (
        ModelLogEntry.objects.for_instance(obj)
        .filter(action="wagtail.publish", revision__isnull=False)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    labels = {name: obj._meta.get_field(name).verbose_name for name in fields}
    history, previous = [], None
    for entry in entries:
        content = entry.revision.content or {}
        if previous is None:
            changes = [
                (labels[name], None, shown_value(obj, name, content.get(name))) for name in fields if content.get(name)
            ]
        else:
            changes = [
                (labels[name], shown_value(obj, name, previous.get(name)), shown_value(obj, name, content.get(name)))
                for name in fields
                if previous.get(name) != content.get(name)
            ]
        history.append({"when": entry.timestamp, "first": previous is None, "changes": changes})
        previous = content
    history.reverse()
    return history
