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
    lines: list = field(default_factory=list)

    def add(self, label, created, skipped):
        self.lines.append(f"{label}: {created} created, {skipped} already present (left as they are)")

    @property
    def created_anything(self):
        return any(" 0 created" not in line for line in self.lines)


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
    if isinstance(obj, RevisionMixin):
        revision = obj.save_revision(log_action=True)
        if isinstance(obj, DraftStateMixin):
            revision.publish()


def load_records(spec, report):
    data = read_fixture(spec.filename)
    existing = set(spec.model.objects.values_list("slug", flat=True))
    created = []
    for record in data:
        if record["slug"] in existing:
            continue
        obj = spec.model(slug=record["slug"])
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
        if isinstance(obj, DraftStateMixin):
            obj.live = False
        for name, (key, resolver) in spec.many.items():
            setattr(obj, name, [resolver(ref) for ref in record.get(key) or []])
        obj.full_clean(exclude=[*spec.many, "latest_revision", "live_revision"], validate_unique=False)
        obj.save()
        publish(obj)
        created.append(obj)
    report.add(spec.label, len(created), len(data) - len(created))
    return created


def ensure_locales():
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


@transaction.atomic
def load_portal():
    """Run every app's fixture loader, in INSTALLED_APPS order; returns the Report."""
    report = Report()
    ensure_locales()
    for config in apps.get_app_configs():
        loader = getattr(config, "fixture_loader", "")
        if loader:
            import_string(loader)(report)
    return report
