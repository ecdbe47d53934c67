"""Builds a deployment from the JSON files in fixtures/ without ever overwriting editors' work.

Every record is looked up by its slug: present records are skipped and reported, missing ones are
created, given a first revision and published. Running it twice leaves the same rows."""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from wagtail.models import DraftStateMixin, Locale, Page, RevisionMixin, Site

from .models import AuthorsPage, ChapterPage, HomePage


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


def resolve_partner(ref):
    from agreements.models import Partner

    if len(ref) == 2 and ref.isupper():
        return Partner.objects.get(code=ref)
    return Partner.objects.get(slug=ref)


def resolve_section(ref):
    """'chapter-3#political-diplomacy' -> (ChapterPage, 'political-diplomacy')."""
    if not ref:
        return None, ""
    slug, _sep, anchor = ref.partition("#")
    chapter = ChapterPage.objects.filter(slug=slug, locale=Locale.get_default()).first()
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
            obj.chapter, obj.section_anchor = resolve_section(record.get(spec.section_key))
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


def load_pages(report):
    content = read_fixture("pages.json")
    locale = Locale.get_default()
    home = HomePage.objects.filter(locale=locale).first()
    if home:
        report.add("Home page", 0, 1)
    else:
        data = content["home"]
        root = Page.get_first_root_node()
        home = HomePage(
            title=data["title"],
            slug="home",
            locale=locale,
            subtitle=data["subtitle"],
            report_label=data["report_label"],
            edition=data["edition"],
            digital_edition=data["digital_edition"],
            isbn=data["isbn"],
            legal_deposit=data["legal_deposit"],
            layout_credit=data["layout_credit"],
            rights_notice=data["rights_notice"],
            intro=data["intro"],
            repository_links=[("link", link) for link in data["repository_links"]],
            search_description=data.get("search_description", ""),
        )
        placeholder = _welcome_page(root)
        if placeholder:
            # Wagtail's initial migration makes a "Welcome" page at the slug "home": free it first.
            placeholder.slug = "wagtail-welcome"
            placeholder.save()
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
        else:
            Site.objects.create(
                hostname="localhost", root_page=home, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME
            )
        if placeholder:
            placeholder.delete()
        report.add("Home page", 1, 0)

    existing = set(home.get_children().values_list("slug", flat=True))
    created = 0
    for data in content["chapters"]:
        if data["slug"] in existing:
            continue
        chapter = ChapterPage(
            title=data["title"],
            slug=data["slug"],
            number=data["number"],
            summary=data.get("summary", ""),
            search_description=data.get("search_description", ""),
            body=data["body"],
        )
        home.add_child(instance=chapter)
        chapter.save_revision().publish()
        created += 1
    report.add("Chapters", created, len(content["chapters"]) - created)

    data = content["authors_page"]
    if data["slug"] in existing or AuthorsPage.objects.child_of(home).exists():
        report.add("Authors page", 0, 1)
    else:
        page = AuthorsPage(title=data["title"], slug=data["slug"], intro=data.get("intro", ""))
        home.add_child(instance=page)
        page.save_revision().publish()
        report.add("Authors page", 1, 0)


def _welcome_page(root):
    """Wagtail's default 'Welcome' page, if this is still an untouched new installation."""
    for page in root.get_children():
        if page.specific_class is Page and not page.get_children().exists():
            return page
    return None


def book_specs():
    from .models import Author, Publisher

    return [
        RecordSpec("Authors", Author, "authors.json", ["name", "sort_name", "orcid", "bio", "order"]),
        RecordSpec(
            "Publishers",
            Publisher,
            "publishers.json",
            ["name", "parent", "short_name", "address", "email", "phone", "order"],
            convert={"links": lambda r: [("link", link) for link in r.get("links", [])]},
        ),
    ]


@transaction.atomic
def load_portal():
    from agreements.loading import load_agreements
    from diplomacy.loading import load_diplomacy

    report = Report()
    ensure_locales()
    load_pages(report)
    for spec in book_specs():
        load_records(spec, report)
    load_agreements(report)
    load_diplomacy(report)
    return report
