"""The roles every deployment gets from the migrations: what Editors (and the IDEI and KAS editors)
and Moderators may do, and what none of them may touch."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupCollectionPermission, GroupPagePermission

import pytest

from agreements.models import Agreement
from tests.editors.conftest import member, snippet_url
from tests.factories import chapter, home_page

pytestmark = pytest.mark.django_db

EDITOR_GROUPS = ["Editors", "IDEI editors", "KAS editors"]
RECORDS = ["agreement", "partner", "partnership", "initiative", "area", "keyfigure"]


def codenames(group):
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def page_rules(group):
    return set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename"))


def collection_rules(group):
    return set(
        GroupCollectionPermission.objects.filter(group=group).values_list("collection_id", "permission__codename")
    )


def test_the_institution_groups_have_exactly_the_editors_rights():
    editors = Group.objects.get(name="Editors")
    for name in ("IDEI editors", "KAS editors"):
        twin = Group.objects.get(name=name)
        assert codenames(twin) == codenames(editors)
        assert page_rules(twin) == page_rules(editors)
        assert collection_rules(twin) == collection_rules(editors)


@pytest.mark.parametrize("group_name", EDITOR_GROUPS)
def test_editors_draft_lock_and_upload_but_never_publish_or_delete(group_name):
    group = Group.objects.get(name=group_name)
    codes = {codename for _app, codename in codenames(group)}
    for model in RECORDS:
        assert {f"add_{model}", f"change_{model}", f"lock_{model}"} <= codes
        assert not {f"publish_{model}", f"delete_{model}", f"unlock_{model}"} & codes
    assert {"add_image", "add_document", "access_admin"} <= codes
    assert {"add_page", "change_page", "lock_page"} == {codename for _page, codename in page_rules(group)}
    assert {"add_image", "add_document"} <= {codename for _c, codename in collection_rules(group)}
    # Authors and publishers have no drafts (a change would go live unreviewed): moderators keep them.
    assert not {"add_author", "change_author", "add_publisher", "change_publisher"} & codes


def test_moderators_also_publish_unpublish_delete_and_unlock():
    moderators = Group.objects.get(name="Moderators")
    codes = {codename for _app, codename in codenames(moderators)}
    for model in RECORDS:
        assert {f"publish_{model}", f"delete_{model}", f"lock_{model}", f"unlock_{model}"} <= codes
    assert {"change_author", "change_publisher"} <= codes
    assert {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"} <= {
        codename for _page, codename in page_rules(moderators)
    }


@pytest.mark.parametrize("group_name", [*EDITOR_GROUPS, "Moderators"])
def test_no_editor_has_rights_over_users_groups_sites_settings_or_workflows(group_name):
    group = Group.objects.get(name=group_name)
    forbidden_models = {"site", "locale", "workflow", "task", "groupapprovaltask", "collection", "apitoken"}
    for app_label, codename in codenames(group):
        assert app_label not in {"auth", "wagtailusers", "wagtailsettings", "wagtaillocales", "wagtailredirects"}
        assert not (app_label == "wagtailcore" and codename.split("_", 1)[1] in forbidden_models), codename


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailusers_users:index",
        "wagtailusers_groups:index",
        "wagtailsites:index",
        "wagtaillocales:index",
        "wagtailadmin_workflows:index",
        "wagtailadmin_workflows:task_index",
        "wagtailadmin_collections:index",
    ],
)
def test_the_admin_refuses_editors_the_users_groups_sites_and_workflows(client, group_name, url_name):
    client.force_login(member(group_name, "someone"))
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for forbidden in (reverse("wagtailusers_users:index"), reverse("wagtailsites:index")):
        assert f'href="{forbidden}"' not in home


def test_editors_edit_pages_but_only_moderators_publish_unpublish_and_rearrange_them(editor, moderator):
    page = chapter(1)
    as_editor = page.permissions_for_user(editor)
    assert as_editor.can_edit() and as_editor.can_lock()
    assert not as_editor.can_publish() and not as_editor.can_unpublish()
    assert not as_editor.can_delete() and not as_editor.can_move() and not as_editor.can_reorder_children()
    as_moderator = page.permissions_for_user(moderator)
    assert as_moderator.can_publish() and as_moderator.can_unpublish() and as_moderator.can_unlock()
    assert as_moderator.can_move() and as_moderator.can_delete()
    assert home_page().permissions_for_user(moderator).can_reorder_children()
    assert home_page().permissions_for_user(editor).can_add_subpage()


def test_an_editor_opens_the_upload_forms_and_the_record_forms(client, editor):
    client.force_login(editor)
    for url in (reverse("wagtailimages:add"), reverse("wagtaildocs:add")):
        assert client.get(url).status_code == 200
    agreement = Agreement.objects.first()
    html = client.get(snippet_url(agreement, "edit")).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_a_moderator_unpublishes_a_record(client, moderator):
    from tests.factories import make_agreement

    agreement = make_agreement(slug="to-unpublish")
    client.force_login(moderator)
    response = client.post(snippet_url(agreement, "unpublish"))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert not agreement.live
    client.logout()
    assert client.get(agreement.get_absolute_url()).status_code == 404
