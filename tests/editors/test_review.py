"""Editors draft and submit, moderators approve or ask for changes; the public site only ever shows
what was approved and published, and scheduled publications go live only when due."""

import datetime
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState

import pytest

from agreements.models import Agreement
from portal.book.models import AuthorsPage
from tests.editors.conftest import page_form_data, snippet_form_data, snippet_url
from tests.factories import chapter, make_agreement

pytestmark = pytest.mark.django_db

SIGNED = "Signed, about to enter into force"


@pytest.fixture
def guatemala():
    return Agreement.objects.get(slug="peru-guatemala-fta")


def submit_status_change(client, editor, agreement):
    client.force_login(editor)
    data = snippet_form_data(client, agreement, status="in_force", last_verified_on="2026-11-20")
    data["action-submit"] = "Submit to Moderators approval"
    response = client.post(snippet_url(agreement, "edit"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return WorkflowState.objects.for_instance(agreement).get(status=WorkflowState.STATUS_IN_PROGRESS)


def public_html(client, url):
    client.logout()
    return client.get(url).content.decode()


def test_a_submitted_change_stays_off_the_public_site_until_a_moderator_approves_it(
    client, editor, moderator, guatemala
):
    state = submit_status_change(client, editor, guatemala)
    assert SIGNED in public_html(client, guatemala.get_absolute_url())
    guatemala.refresh_from_db()
    assert guatemala.status == "signed" and guatemala.has_unpublished_changes

    client.force_login(moderator)
    approve = snippet_url(guatemala, "workflow_action", "approve", state.current_task_state.pk)
    assert client.post(approve, {"comment": "Checked against the official gazette."}).status_code in (200, 302)
    guatemala.refresh_from_db()
    assert guatemala.status == "in_force"
    assert guatemala.last_verified_on == datetime.date(2026, 11, 20)
    task_state = TaskState.objects.get(pk=state.current_task_state.pk)
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.comment == "Checked against the official gazette."
    assert task_state.finished_by == moderator

    html = public_html(client, guatemala.get_absolute_url())
    assert "Its status has changed since the book" in html
    assert f"{SIGNED} → In force" in html


def test_submitting_notifies_the_moderators_in_the_admin_and_by_email(client, editor, moderator, guatemala):
    submit_status_change(client, editor, guatemala)
    assert any(moderator.email in message.to for message in mail.outbox)
    assert not any(editor.email in message.to for message in mail.outbox)
    client.force_login(moderator)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in home
    assert guatemala.title in home
    assert "Submitted for review" in home


def test_a_moderator_requests_changes_with_a_comment_and_nothing_is_published(client, editor, moderator, guatemala):
    state = submit_status_change(client, editor, guatemala)
    client.force_login(moderator)
    reject = snippet_url(guatemala, "workflow_action", "reject", state.current_task_state.pk)
    response = client.post(reject, {"comment": "Which gazette? Add the source to the notes."})
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.get(pk=state.current_task_state.pk).comment.startswith("Which gazette?")
    guatemala.refresh_from_db()
    assert guatemala.status == "signed"
    assert SIGNED in public_html(client, guatemala.get_absolute_url())
    # The editor sees the request and the comment beside the record's form.
    client.force_login(editor)
    edit = client.get(snippet_url(guatemala, "edit")).content.decode()
    assert "Changes requested" in edit
    assert "Which gazette? Add the source to the notes." in edit
    assert "Needs changes" in client.get(snippet_url(guatemala, "workflow_history")).content.decode()


def test_a_forged_publish_by_an_editor_is_refused(client, editor):
    agreement = make_agreement(slug="forged", title="Forged publication test")
    client.force_login(editor)
    data = snippet_form_data(client, agreement, title="Published without review")
    data["action-publish"] = "Publish"
    client.post(snippet_url(agreement, "edit"), data)
    agreement.refresh_from_db()
    assert agreement.title == "Forged publication test"
    assert "Published without review" not in public_html(client, agreement.get_absolute_url())


def test_a_chapter_section_goes_through_the_same_review(client, editor, moderator):
    page = chapter(1)
    first_section = page.body[0].value
    old_heading = first_section["heading"]
    client.force_login(editor)
    data = page_form_data(client, page, **{"body-0-value-heading": "A reviewed new heading"})
    data["action-submit"] = "Submit to Moderators approval"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    state = WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)
    html = public_html(client, page.url)
    assert old_heading in html and "A reviewed new heading" not in html

    client.force_login(moderator)
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk])
    assert client.post(approve, {"comment": "Good."}).status_code in (200, 302)
    assert "A reviewed new heading" in public_html(client, page.url)


def test_an_editor_cannot_publish_a_page_by_forging_the_publish_button(client, editor):
    page = AuthorsPage.objects.get(locale__language_code="en")
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="action-publish"' not in html
    data = page_form_data(client, page, title="Forged authors title")
    data["action-publish"] = "Publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page.refresh_from_db()
    assert page.title != "Forged authors title"
    assert "Forged authors title" not in public_html(client, page.url)


def test_a_record_scheduled_for_later_goes_live_only_when_due(client):
    agreement = make_agreement(slug="scheduled", title="Scheduled agreement")
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    agreement.title = "Scheduled new title"
    agreement.go_live_at = go_live_at
    agreement.save_revision(approved_go_live_at=go_live_at).publish()
    assert "Scheduled new title" not in public_html(client, agreement.get_absolute_url())

    call_command("publish_scheduled")  # not due yet
    assert "Scheduled new title" not in public_html(client, agreement.get_absolute_url())

    later = go_live_at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    assert "Scheduled new title" in public_html(client, agreement.get_absolute_url())


def test_a_new_record_scheduled_for_later_is_not_public_until_due(client):
    agreement = Agreement(
        slug="future-agreement", title="A future agreement", kind="free_trade", status="negotiating", description="…"
    )
    agreement.live = False
    agreement.go_live_at = timezone.now() + datetime.timedelta(days=2)
    agreement.save()
    agreement.save_revision(approved_go_live_at=agreement.go_live_at).publish()
    agreement.refresh_from_db()
    assert not agreement.live
    assert client.get(agreement.get_absolute_url()).status_code == 404

    with mock.patch("django.utils.timezone.now", return_value=agreement.go_live_at + datetime.timedelta(seconds=1)):
        call_command("publish_scheduled")
    agreement.refresh_from_db()
    assert agreement.live
    assert client.get(agreement.get_absolute_url()).status_code == 200


def test_a_page_scheduled_for_later_goes_live_only_when_due(client):
    page = chapter(2)
    go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.title = "Chapter two, scheduled title"
    page.go_live_at = go_live_at
    page.save_revision(approved_go_live_at=go_live_at).publish()
    assert "Chapter two, scheduled title" not in public_html(client, page.url)
    with mock.patch("django.utils.timezone.now", return_value=go_live_at + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    assert "Chapter two, scheduled title" in public_html(client, page.url)


def test_a_moderator_schedules_a_change_in_the_admin(client, moderator):
    agreement = make_agreement(slug="scheduled-in-admin", status="negotiating", title="Scheduled in the admin")
    go_live_at = timezone.localtime() + datetime.timedelta(days=3)
    client.force_login(moderator)
    data = snippet_form_data(client, agreement, status="signed")
    assert "go_live_at" in client.get(snippet_url(agreement, "edit")).context["form"].fields, "PublishingPanel"
    data["go_live_at"] = go_live_at.strftime("%Y-%m-%d %H:%M")
    data["action-publish"] = "Publish"
    response = client.post(snippet_url(agreement, "edit"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    agreement.refresh_from_db()
    assert agreement.status == "negotiating", "the live version stays until the scheduled time"
    assert agreement.scheduled_revision is not None
    assert "Under negotiation" in public_html(client, agreement.get_absolute_url())

    with mock.patch("django.utils.timezone.now", return_value=go_live_at + datetime.timedelta(minutes=5)):
        call_command("publish_scheduled")
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    assert SIGNED in public_html(client, agreement.get_absolute_url())


def test_an_editors_scheduled_change_waits_for_approval_and_then_for_its_date(client, editor, moderator, guatemala):
    go_live_at = timezone.localtime() + datetime.timedelta(days=1)
    client.force_login(editor)
    data = snippet_form_data(client, guatemala, status="in_force")
    data["go_live_at"] = go_live_at.strftime("%Y-%m-%d %H:%M")
    data["action-submit"] = "Submit"
    assert client.post(snippet_url(guatemala, "edit"), data).status_code == 302
    state = WorkflowState.objects.for_instance(guatemala).get(status=WorkflowState.STATUS_IN_PROGRESS)
    client.force_login(moderator)
    client.post(snippet_url(guatemala, "workflow_action", "approve", state.current_task_state.pk), {"comment": ""})
    guatemala.refresh_from_db()
    assert guatemala.status == "signed" and guatemala.scheduled_revision is not None
    with mock.patch("django.utils.timezone.now", return_value=go_live_at + datetime.timedelta(minutes=5)):
        call_command("publish_scheduled")
    guatemala.refresh_from_db()
    assert guatemala.status == "in_force"
