"""The book's own fixtures: the home page, the chapters and the authors page (fixtures/pages.json),
then the authors and publishers."""

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale, Page, Site

from portal.foundations.loading import RecordSpec, changed_by_editors, comparable, load_records, read_fixture
from portal.foundations.streams import with_block_ids

from .models import Author, AuthorsPage, ChapterPage, HomePage, Publisher
from .translations import differs, spanish_version, translate


def load(report):
    load_pages(report)
    load_records(
        RecordSpec("Authors", Author, "authors.json", ["name", "sort_name", "orcid", "bio", "bio_es", "order"]), report
    )
    load_records(
        RecordSpec(
            "Publishers",
            Publisher,
            "publishers.json",
            ["name", "name_language", "parent", "short_name", "address", "email", "phone", "order"],
            convert={"links": lambda r: [("link", link) for link in r.get("links", [])]},
        ),
        report,
    )


HOME_FIELDS = [
    "title",
    "subtitle",
    "report_label",
    "edition",
    "digital_edition",
    "isbn",
    "legal_deposit",
    "layout_credit",
    "rights_notice",
    "intro",
    "search_description",
]
CHAPTER_FIELDS = ["title", "number", "summary", "search_description", "body"]
AUTHORS_PAGE_FIELDS = ["title", "intro"]


def _home_values(data):
    values = _values(data, HOME_FIELDS)
    values["repository_links"] = _stream(
        HomePage, "repository_links", [{"type": "link", "value": link} for link in data["repository_links"]]
    )
    return values


def _values(data, names):
    return {name: data.get(name, "") for name in names}


def _chapter_values(data):
    values = _values(data, CHAPTER_FIELDS)
    values["body"] = _stream(ChapterPage, "body", values["body"])
    return values


def _stream(model, name, raw):
    return with_block_ids(model._meta.get_field(name).stream_block, raw)


def load_pages(report):
    content = read_fixture("pages.json")
    spanish = read_fixture("pages_es.json")
    locale = Locale.get_default()
    home = HomePage.objects.filter(locale=locale).first()
    if home:
        report.add("Home page", 0, 1, *_refresh(home, _home_values(content["home"]), report))
    else:
        home = _create_home(_home_values(content["home"]), locale)
        report.add("Home page", 1, 0)

    children = {page.slug: page.specific for page in home.get_children()}
    created, updated, kept = 0, 0, 0
    for data in content["chapters"]:
        values = _chapter_values(data)
        if data["slug"] in children:
            changed, left = _refresh(children[data["slug"]], values, report)
            updated, kept = updated + changed, kept + left
            continue
        chapter = ChapterPage(slug=data["slug"], **values)
        home.add_child(instance=chapter)
        chapter.save_revision().publish()
        created += 1
    report.add("Chapters", created, len(content["chapters"]) - created, updated, kept)

    data = content["authors_page"]
    values = _values(data, AUTHORS_PAGE_FIELDS)
    authors_page = AuthorsPage.objects.child_of(home).first()
    if authors_page is not None:
        report.add("Authors page", 0, 1, *_refresh(authors_page, values, report))
    else:
        authors_page = AuthorsPage(slug=data["slug"], **values)
        home.add_child(instance=authors_page)
        authors_page.save_revision().publish()
        report.add("Authors page", 1, 0)

    chapters = {page.slug: page.specific for page in home.get_children().type(ChapterPage)}
    in_spanish = [(home, _translatable(_home_values(spanish["home"]), "slug", "isbn"))]
    in_spanish += [
        (chapters[data["slug"]], _translatable(_chapter_values(data), "number"))
        for data in spanish["chapters"]
        if data["slug"] in chapters
    ]
    in_spanish.append((authors_page, _values(spanish["authors_page"], AUTHORS_PAGE_FIELDS)))
    load_spanish(report, in_spanish)


def _translatable(values, *synchronized):
    return {name: value for name, value in values.items() if name not in synchronized}


def load_spanish(report, pages):
    """The Spanish translation of each page (English page, Spanish values), made where there is none;
    with ``report.update``, remade where no editor has changed it and the fixture differs."""
    created, updated, kept = 0, 0, 0
    for page, values in pages:
        existing = spanish_version(page)
        if existing is None:
            translate(page, values)
            created += 1
        elif report.update:
            # The fixture's Spanish translates the fixture's English: neither is touched once an editor
            # has changed either page.
            if changed_by_editors(existing) or changed_by_editors(page):
                kept += 1
            elif differs(page, values):
                translate(page, values)
                updated += 1
    report.add("Pages in Spanish", created, len(pages) - created, updated, kept)
    if created or updated:
        # wagtail-localize publishes a new translation when the transaction commits, from the page as
        # it was saved, before its children were added: its count of children is then stale.
        transaction.on_commit(_count_children_again)


def _count_children_again():
    Page.fix_tree()


def _refresh(page, values, report):
    """With ``report.update``: (1, 0) when a page no editor has changed was brought up to date with
    the fixture, (0, 1) when an editor's change kept it as it is, (0, 0) otherwise."""
    if not report.update:
        return 0, 0
    if changed_by_editors(page):
        return 0, 1
    before = {name: comparable(getattr(page, name)) for name in values}
    for name, value in values.items():
        setattr(page, name, value)
    if {name: comparable(getattr(page, name)) for name in values} == before:
        return 0, 0
    page.save_revision().publish()
    return 1, 0


def _create_home(values, locale):
    root = Page.get_first_root_node()
    home = HomePage(slug="home", locale=locale, **values)
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
    return home


def _welcome_page(root):
    """Wagtail's default 'Welcome' page, if this is still an untouched new installation."""
    for page in root.get_children():
        if page.specific_class is Page and not page.get_children().exists():
            return page
    return None
