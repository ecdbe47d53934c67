"""The fixture loader's library: builds a deployment from the JSON files in fixtures/ without ever
overwriting editors' work.

Each app that has content names its loader in its AppConfig (``fixture_loader``, a dotted path to a
function taking a ``Report``); ``load_portal()`` runs them in INSTALLED_APPS order, which is their
dependency order. Every record is looked up by its slug: present records are skipped and reported,
missing ones are created, given a first revision and published. Running it twice leaves the same
rows."""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from wagtail.models import DraftStateMixin, Locale, RevisionMixin


def fixtures_dir():
    return Path(settings.FIXTURE_DIRS[0])


def read_fixture(name):
    with open(fixtures_dir() / name, encoding="utf-8") as handle:
        return json.load(handle)


@dataclass
class Report:
    """What a load did, one line per kind of content. With ``update``, records present but never
    changed by an editor are brought up to date with the fixtures (``load_portal --update``)."""

    update: bool = False
    lines: list = field(default_factory=list)
    changed: int = 0

    def add(self, label, created, skipped, updated=0, kept=0):
        self.changed += created + updated
        if not self.update:
            self.lines.append(f"{label}: {created} created, {skipped} already present (left as they are)")
            return
        self.lines.append(
            f"{label}: {created} created, {updated} updated from the fixtures, "
            f"{kept} left as editors changed them, {skipped - updated - kept} already as in the fixtures"
        )

    @property
    def created_anything(self):
        return self.changed > 0


def resolve_section(model, ref):
    """'chapter-3#political-diplomacy' -> (the chapter page, 'political-diplomacy'), for a model with
    a book section link (the chapter's model is read from its ``chapter`` field)."""
    if not ref:
        return None, ""
    slug, _sep, anchor = ref.partition("#")
    chapters = model._meta.get_field("chapter").related_model.objects
    chapter = chapters.filter(slug=slug, locale=Locale.get_default()).first()
    return (chapter, anchor) if chapter else (None, "")


def parse_date(value):
    return datetime.date.fromisoformat(value) if value else None


@dataclass
class RecordSpec:
    """How one fixture file maps onto one model."""

    label: str
    model: type
    filename: str
    fields: list
    foreign: dict = field(default_factory=dict)  # model field -> (json key, resolver)
    many: dict = field(default_factory=dict)  # model field -> (json key, resolver)
    dates: list = field(default_factory=list)
    convert: dict = field(default_factory=dict)  # model field -> callable(json record)
    section_key: str = "section"


def publish(obj):
    """A first (or new) revision by nobody, the loader's mark, published."""
    if isinstance(obj, RevisionMixin):
        revision = obj.save_revision(log_action=True)
        if isinstance(obj, DraftStateMixin):
            revision.publish()


def changed_by_editors(obj):
    """True once anyone has saved a revision of ``obj``: the loader's own revisions have no user."""
    return obj.revisions.exclude(user=None).exists() if isinstance(obj, RevisionMixin) else True


def _fill(obj, spec, record):
    """Set ``obj``'s fields from a fixture record; returns {many-to-many field: its records}."""
    for name in spec.fields:
        if name in record and record[name] is not None:
            setattr(obj, name, record[name])
    for name in spec.dates:
        setattr(obj, name, parse_date(record.get(name)))
    for name, converter in spec.convert.items():
        setattr(obj, name, converter(record))
    for name, (key, resolver) in spec.foreign.items():
        setattr(obj, name, resolver(record[key]) if record.get(key) else None)
    if spec.section_key and hasattr(obj, "section_anchor"):
        obj.chapter, obj.section_anchor = resolve_section(spec.model, record.get(spec.section_key))
    return {name: [resolver(ref) for ref in record.get(key) or []] for name, (key, resolver) in spec.many.items()}


def comparable(value):
    """A field's value without the ids StreamField gives its blocks, which fixtures do not have."""
    if hasattr(value, "get_prep_value"):
        value = value.get_prep_value()
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list | tuple):
        return [comparable(item) for item in value]
    return value


def _state(obj, spec, many):
    """What the fixture sets, comparably: field values, and the records of each many-to-many field."""
    names = [*spec.fields, *spec.dates, *spec.convert, *[f"{name}_id" for name in spec.foreign]]
    if spec.section_key and hasattr(obj, "section_anchor"):
        names += ["chapter_id", "section_anchor"]
    values = []
    for name in names:
        value = getattr(obj, name)
        if hasattr(value, "get_prep_value"):
            value = comparable(value)
        else:
            # As the field reads it: a fixture's 4 and the database's Decimal("4.00") are one value.
            field = next(field for field in obj._meta.concrete_fields if field.attname == name)
            value = field.to_python(value)
        values.append(value)
    return values, {name: sorted(record.pk for record in records) for name, records in many.items()}


def _save(obj, spec, many):
    for name, records in many.items():
        setattr(obj, name, records)
    obj.full_clean(exclude=[*spec.many, "latest_revision", "live_revision"], validate_unique=False)
    obj.save()
    publish(obj)


def load_records(spec, report):
    """Create the fixture's records that are missing; with ``report.update``, also bring up to date
    those no editor has changed. Returns the records created or updated."""
    data = read_fixture(spec.filename)
    existing = {obj.slug: obj for obj in spec.model.objects.all()}
    loaded, updated, kept = [], 0, 0
    for record in data:
        obj = existing.get(record["slug"])
        if obj is None:
            obj = spec.model(slug=record["slug"])
            if isinstance(obj, DraftStateMixin):
                obj.live = False
            _save(obj, spec, _fill(obj, spec, record))
            loaded.append(obj)
        elif report.update:
            if changed_by_editors(obj):
                kept += 1
                continue
            current = _state(obj, spec, {name: getattr(obj, name).all() for name in spec.many})
            many = _fill(obj, spec, record)
            if _state(obj, spec, many) != current:
                _save(obj, spec, many)
                loaded.append(obj)
                updated += 1
    created = len(loaded) - updated
    report.add(spec.label, created, len(data) - created, updated=updated, kept=kept)
    return loaded


def ensure_locales():
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


@transaction.atomic
def load_portal(update=False):
    """Run every app's fixture loader, in INSTALLED_APPS order; returns the Report. With ``update``,
    records and pages no editor has changed are brought up to date with the fixtures."""
    report = Report(update=update)
    ensure_locales()
    for config in apps.get_app_configs():
        loader = getattr(config, "fixture_loader", "")
        if loader:
            import_string(loader)(report)
    return report
