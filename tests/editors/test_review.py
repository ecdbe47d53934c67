"""Editors draft and submit, moderators approve; the public site only shows what was approved."""

import datetime

from django.contrib.auth.models import Group, User
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from agreements.models import Agreement

pytestmark = pytest.mark.django_db

EDIT = "wagtailsnippets_agreements_agreement:edit"


def member(group_name, username):
    user = User.objects.create_user(username, f"{username}@example.org", "a long password 123", is_staff=False)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def edit_form_data(client, agreement, **changes):
    """The agreement's edit form as the admin renders it, with some fields changed."""
    response = client.get(reverse(EDIT, args=[agreement.pk]))
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    data.update(changes)
    return data


def test_the_roles_exist_with_their_rights():
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    for name in ("IDEI editors", "KAS editors"):
        twin = Group.objects.get(name=name)
        assert set(twin.permissions.all()) == set(editors.permissions.all())
        assert twin.page_permissions.count() == editors.page_permissions.count()
    editor_codes = set(editors.permissions.values_list("codename", flat=True))
    moderator_codes = set(moderators.permissions.values_list("codename", flat=True))
    for model in ("agreement", "partner", "partnership", "initiative", "area", "keyfigure"):
        assert {f"add_{model}", f"change_{model}"} <= editor_codes
        assert f"publish_{model}" not in editor_codes
        assert {f"publish_{model}", f"delete_{model}", f"unlock_{model}"} <= moderator_codes
    for forbidden in ("add_user", "change_user", "change_group", "change_site", "add_site"):
        assert forbidden not in editor_codes and forbidden not in moderator_codes


def test_an_editor_submits_a_status_change_and_only_the_moderators_approval_publishes_it(client):
    agreement = Agreement.objects.live().filter(status="signed").order_by("book_order").first()  # Guatemala
    public_url = agreement.get_absolute_url()
    editor = member("Editors", "editor")
    client.force_login(editor)
    data = edit_form_data(client, agreement, status="in_force", last_verified_on="2026-11-20")
    data["action-submit"] = "Submit"
    response = client.post(reverse(EDIT, args=[agreement.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    state = WorkflowState.objects.for_instance(agreement).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.logout()
    assert "Signed, about to enter into force" in client.get(public_url).content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "signed" and agreement.has_unpublished_changes

    # A forged publish by the editor is refused.
    client.force_login(editor)
    forged = edit_form_data(client, agreement, status="negotiating")
    forged["action-publish"] = "Publish"
    client.post(reverse(EDIT, args=[agreement.pk]), forged)
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    edit_page = client.get(reverse(EDIT, args=[agreement.pk])).content.decode()
    assert 'name="action-publish"' not in edit_page

    moderator = member("Moderators", "moderator")
    client.force_login(moderator)
    task_state = state.current_task_state
    approve = reverse(
        "wagtailsnippets_agreements_agreement:workflow_action", args=[agreement.pk, "approve", task_state.pk]
    )
    response = client.post(approve, {"comment": "Checked against the official gazette."})
    assert response.status_code in (200, 302)
    agreement.refresh_from_db()
    assert agreement.status == "in_force"
    assert agreement.last_verified_on == datetime.date(2026, 11, 20)

    client.logout()
    html = client.get(public_url).content.decode()
    assert "Its status has changed since the book" in html
    assert "Signed, about to enter into force → In force" in html


def test_deleting_a_linked_record_is_refused_with_an_explanation(client, admin_user):
    client.force_login(admin_user)
    agreement = Agreement.objects.get(slug="andean-community")
    response = client.post(reverse("wagtailsnippets_agreements_agreement:delete", args=[agreement.pk]), follow=True)
    assert Agreement.objects.filter(pk=agreement.pk).exists()
    assert "was not deleted because other records link to it" in response.content.decode()


def test_an_unlinked_record_can_still_be_deleted(client, admin_user):
    from tests.factories import make_agreement

    client.force_login(admin_user)
    agreement = make_agreement(slug="to-delete")
    client.post(reverse("wagtailsnippets_agreements_agreement:delete", args=[agreement.pk]))
    assert not Agreement.objects.filter(pk=agreement.pk).exists()


def test_a_scheduled_publication_goes_live_only_when_due(client):
    from django.core.management import call_command
    from django.utils import timezone

    from tests.factories import make_agreement

    agreement = make_agreement(slug="scheduled", title="Scheduled agreement")
    agreement.title = "Scheduled new title"
    agreement.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = agreement.save_revision(approved_go_live_at=agreement.go_live_at)
    revision.publish()
    assert "Scheduled new title" not in client.get(agreement.get_absolute_url()).content.decode()
    # Time passes: the scheduled moment is now behind us.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    assert "Scheduled new title" in client.get(agreement.get_absolute_url()).content.decode()


def test_the_dashboard_shows_the_portal_at_a_glance(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "The portal at a glance" in html
    assert "29 agreements not verified in over a year" in html


def test_the_admin_speaks_spanish_to_an_editor_who_chooses_it(client, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(admin_user)
    html = client.get(reverse("wagtailsnippets_agreements_agreement:list")).content.decode()
    assert "Acuerdos comerciales" in html


def test_every_field_an_editor_sees_has_help_text():
    from agreements.models import Partner, Partnership
    from diplomacy.models import Area, Initiative, KeyFigure
    from portal.models import Author, ChapterPage, HomePage, Publisher

    wagtail_fields = {
        "latest_revision",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "id",
    }
    missing = []
    for model in (Agreement, Partner, Partnership, Area, Initiative, KeyFigure, Author, Publisher):
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            if field.name not in wagtail_fields and not field.help_text:
                missing.append(f"{model.__name__}.{field.name}")
    for model in (HomePage, ChapterPage):
        for field in model._meta.concrete_fields:
            if field.model is model and not field.name.endswith("_ptr") and not field.help_text:
                missing.append(f"{model.__name__}.{field.name}")
    assert not missing
