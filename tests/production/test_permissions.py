"""Who reaches what in the admin: anonymous visitors, an Editors member and a Moderators member against
every admin URL family, plus regression cases for Wagtail's published permission advisories."""

import json

from django.contrib.auth.models import Group, Permission, User
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import NoReverseMatch, reverse

from wagtail.documents.models import Document
from wagtail.models import GroupPagePermission, Page, Revision
from wagtail.snippets.models import get_snippet_models

import pytest

from agreements.models import Agreement, Partner
from tests.factories import chapter

pytestmark = pytest.mark.django_db

LOGIN, DENIED, OK = "login", "denied", "ok"


def outcome(response, url):
    """login: sent to the login page; denied: refused (Wagtail redirects to the dashboard with a
    message, or answers 403/404/405); ok: shown."""
    if response.status_code == 200:
        return OK
    if response.status_code in (403, 404, 405):
        return DENIED
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return LOGIN
        # A 404 under /admin/ comes back as LocaleMiddleware's redirect to the language prefix.
        if location in ("/admin/", f"/en{url}"):
            return DENIED
        return f"redirect to {location}"
    return str(response.status_code)


@pytest.fixture
def people(make_member):
    return {
        "anonymous": None,
        "editor": make_member("Editors", "editor"),
        "moderator": make_member("Moderators", "moderator"),
    }


def visit(user, url, method="get", **data):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return outcome(getattr(client, method)(url, data) if method == "post" else client.get(url), url)


ADMINISTRATION = [
    "wagtailusers_users:index",
    "wagtailusers_users:add",
    "wagtailusers_groups:index",
    "wagtailusers_groups:add",
    "wagtailsites:index",
    "wagtailsites:add",
    "wagtailadmin_workflows:index",
    "wagtailadmin_workflows:add",
    "wagtailadmin_workflows:task_index",
    "wagtailredirects:index",
    "wagtaillocales:index",
]
SHARED = [
    "wagtailadmin_home",
    "wagtaildocs:index",
    "wagtaildocs:add",
    "wagtailimages:index",
    "wagtailimages:add",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:workflow",
]


def test_administration_is_for_administrators_only(people):
    """Users, groups, sites, workflows, redirects and locales: neither role."""
    for name in ADMINISTRATION:
        url = reverse(name)
        assert visit(None, url) == LOGIN, url
        assert visit(people["editor"], url) == DENIED, url
        assert visit(people["moderator"], url) == DENIED, url
    # GHSA-fc75-58r8-rm3h (2023): user names disclosed through the users' bulk action views.
    user_bulk = reverse("wagtail_bulk_action", args=("auth", "user", "delete")) + f"?id={people['moderator'].pk}"
    assert visit(people["editor"], user_bulk) == DENIED


def test_documents_images_and_reports(people):
    for name in SHARED:
        url = reverse(name)
        assert visit(None, url) == LOGIN, url
        assert visit(people["editor"], url) == OK, url
        assert visit(people["moderator"], url) == OK, url
    locked = reverse("wagtailadmin_reports:locked_pages")
    assert visit(people["editor"], locked) == DENIED
    assert visit(people["moderator"], locked) == OK


def page_urls(page):
    revision = page.latest_revision
    return {
        "explore": reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
        "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "revision": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        "compare": reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]),
        "view_draft": reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        "workflow_history": reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        "usage": reverse("wagtailadmin_pages:usage", args=[page.pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[page.pk]),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
        "move": reverse("wagtailadmin_pages:move", args=[page.pk]),
        "privacy": reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        "delete": reverse("wagtailadmin_pages:delete", args=[page.pk]),
    }


PAGE_EXPECTED = {
    # action: (editor, moderator)
    "explore": (OK, OK),
    "edit": (OK, OK),
    "history": (OK, OK),
    "revision": (OK, OK),
    "compare": (OK, OK),
    "view_draft": (OK, OK),
    "workflow_history": (OK, OK),
    "usage": (OK, OK),
    "copy": (OK, OK),
    "unpublish": (DENIED, OK),
    "move": (DENIED, OK),
    "privacy": (DENIED, OK),
    # Chapters are linked from records: portal/deletion.py refuses, whoever asks.
    "delete": (DENIED, DENIED),
}


def test_pages(people):
    for action, url in page_urls(chapter(2)).items():
        editor, moderator = PAGE_EXPECTED[action]
        assert visit(None, url) == LOGIN, url
        assert visit(people["editor"], url) == editor, url
        assert visit(people["moderator"], url) == moderator, url


def test_an_editor_cannot_publish_a_page_through_bulk_actions(people):
    page = chapter(2)
    page.title = "Draft title"
    page.save_revision(user=people["editor"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}"
    visit(people["editor"], url, method="post")
    page.refresh_from_db()
    assert page.has_unpublished_changes and page.title != "Draft title"
    visit(people["moderator"], url, method="post")
    page.refresh_from_db()
    assert not page.has_unpublished_changes and page.title == "Draft title"


def snippet_urls(model):
    viewset = model.snippet_viewset
    obj = model.objects.order_by("pk").first()
    urls = {}
    for action in [
        "list",
        "add",
        "edit",
        "delete",
        "history",
        "inspect",
        "usage",
        "unpublish",
        "revisions_view",
        "revisions_compare",
        "workflow_history",
        "preview_on_edit",
    ]:
        args = {"list": [], "add": []}.get(action, [obj.pk])
        if action == "revisions_view":
            args = [obj.pk, obj.latest_revision_id]
        elif action == "revisions_compare":
            args = [obj.pk, "earliest", "latest"]
        try:
            urls[action] = reverse(viewset.get_url_name(action), args=args)
        except NoReverseMatch:
            continue  # that model has no such view (no draft state, no preview)
    return urls


def test_snippets(people):
    """Every snippet's admin views: anonymous visitors never; editors never delete or unpublish;
    moderators unpublish. Where a role may not see a model at all (editors and the book's authors and
    publishers, if the editors' admin says so), every view of it is refused."""
    # The portal's own snippets (the test settings' throw-away record type has no rows to visit).
    for model in [model for model in get_snippet_models() if model._meta.app_label != "throwaway"]:
        urls = snippet_urls(model)
        editor_sees_model = visit(people["editor"], urls["list"]) == OK
        for action, url in urls.items():
            assert visit(None, url) == LOGIN, url
            editor = visit(people["editor"], url)
            moderator = visit(people["moderator"], url)
            if action in ("delete", "unpublish") or not editor_sees_model:
                assert editor == DENIED, url
            else:
                assert editor == OK, url
            if action == "unpublish":
                assert moderator == OK, url
            if action != "delete":  # deletion may be refused for linked records (portal/deletion.py)
                assert moderator in (OK, DENIED), url


def edit_form_data(client, url, **changes):
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    data.update(changes)
    return data


def test_only_moderators_publish_records(people):
    partner = Partner.objects.filter(live=True).order_by("pk").first()
    url = reverse(Partner.snippet_viewset.get_url_name("edit"), args=[partner.pk])
    for who, published in (("editor", False), ("moderator", True)):
        client = Client(raise_request_exception=False)
        client.force_login(people[who])
        data = edit_form_data(client, url, notes=f"Changed by the {who}", **{"action-publish": "publish"})
        client.post(url, data)
        partner.refresh_from_db()
        assert (partner.notes == f"Changed by the {who}") is published, who


@pytest.fixture
def chapter_one_editor():
    """An admin user whose only rights are adding and editing pages under chapter 1."""
    group = Group.objects.create(name="Chapter 1 only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=chapter(1),
            permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
        )
    user = User.objects.create_user("chapter-one", "c1@example.org", "a long password 123")
    user.groups.add(group)
    return user


def test_advisories_on_pages(chapter_one_editor):
    """Published Wagtail advisories, as seen by a user with rights on chapter 1 only, on chapter 2."""
    other = chapter(2)
    urls = page_urls(other)
    user = chapter_one_editor
    # GHSA-c4mr-889m-vgf6 (2026): improper permission handling when viewing page history.
    assert visit(user, urls["history"]) == DENIED
    # GHSA-c6wj-9vcj-75pj (2026): improper permission handling when comparing revisions.
    assert visit(user, urls["compare"]) == DENIED
    assert visit(user, urls["revision"]) == DENIED
    assert visit(user, urls["view_draft"]) == DENIED
    # GHSA-67rv-mg8q-5pf3 (2026): improper permission handling when copying pages.
    assert visit(user, urls["copy"]) == DENIED
    before = Page.objects.count()
    visit(user, urls["copy"], method="post", new_title="Copy", new_slug="copy-of-2", new_parent_page=chapter(1).pk)
    assert Page.objects.count() == before
    # Early-2026 advisory "improper permission handling on admin preview endpoints": a preview of
    # any object rendered from crafted form data.
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[other.pk])
    assert visit(user, preview, method="post", title="Crafted") == DENIED
    # GHSA-3vrh-m9w7-v94f / CVE-2026-55468: the Pages admin API returned api_fields of pages the
    # user may not explore.
    assert visit(user, f"/admin/api/main/pages/{other.pk}/") == DENIED
    client = Client()
    client.force_login(user)
    listing = client.get(f"/admin/api/main/pages/?child_of={other.get_parent().pk}").json()
    assert other.pk not in [item["id"] for item in listing["items"]]
    # 2026 advisory on the admin API's copy_for_translation action: contents of pages the user
    # cannot edit copied into another locale.
    translations = Page.objects.filter(translation_key=other.translation_key).count()
    client.post(
        f"/admin/api/main/pages/{other.pk}/action/copy_for_translation/",
        json.dumps({"locale": "es"}),
        content_type="application/json",
    )
    assert Page.objects.filter(translation_key=other.translation_key).count() == translations


def test_advisories_on_snippets(chapter_one_editor):
    agreement = Agreement.objects.order_by("pk").first()
    viewset = Agreement.snippet_viewset
    user = chapter_one_editor
    for action, args in [
        ("history", [agreement.pk]),
        ("inspect", [agreement.pk]),
        ("revisions_view", [agreement.pk, agreement.latest_revision_id]),
        # GHSA-c6wj-9vcj-75pj (2026), for snippets.
        ("revisions_compare", [agreement.pk, "earliest", "latest"]),
    ]:
        assert visit(user, reverse(viewset.get_url_name(action), args=args)) == DENIED, action
    # The 2026 preview-endpoint advisory, for snippets.
    preview = reverse(viewset.get_url_name("preview_on_edit"), args=[agreement.pk])
    assert visit(user, preview, method="post", title="Crafted") == DENIED
    assert Revision.objects.for_instance(agreement).count() >= 1


def test_admin_api_hides_documents_and_images_outside_the_users_collections(chapter_one_editor, people):
    """Wagtail 8.0.1's admin API listed document and image titles to any admin user, even one with no
    rights on their collection (the area of GHSA-p5gm-92h4-6pv6); portal/admin_api.py keeps only what the
    user may choose or change."""
    memo = Document.objects.create(title="Internal memo", file=ContentFile(b"memo", name="memo.txt"))
    client = Client()
    client.force_login(chapter_one_editor)
    for endpoint in ("/admin/api/main/documents/", "/admin/api/main/images/"):
        response = client.get(endpoint)
        assert response.status_code in (403, 404) or response.json()["meta"]["total_count"] == 0, endpoint
    assert visit(chapter_one_editor, f"/admin/api/main/documents/{memo.pk}/") == DENIED
    # Editors and Moderators may choose every document: they still find it, in the listing and alone.
    for who in ("editor", "moderator"):
        client.force_login(people[who])
        listing = client.get("/admin/api/main/documents/?order=-id").json()
        assert memo.pk in [item["id"] for item in listing["items"]], who
        assert client.get(f"/admin/api/main/documents/{memo.pk}/").json()["title"] == "Internal memo", who
