"""The book's own fixtures: the home page, the chapters and the authors page (fixtures/pages.json),
then the authors and publishers."""

from django.conf import settings

from wagtail.models import Locale, Page, Site

from portal.foundations.loading import RecordSpec, load_records, read_fixture

from .models import Author, AuthorsPage, ChapterPage, HomePage, Publisher


def load(report):
    load_pages(report)
    load_records(RecordSpec("Authors", Author, "authors.json", ["name", "sort_name", "orcid", "bio", "order"]), report)
    load_records(
        RecordSpec(
            "Publishers",
            Publisher,
            "publishers.json",
            ["name", "parent", "short_name", "address", "email", "phone", "order"],
            convert={"links": lambda r: [("link", link) for link in r.get("links", [])]},
        ),
        report,
    )


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
