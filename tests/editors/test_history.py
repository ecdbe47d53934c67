"""Nothing is lost: every editable model keeps revisions and history, editors compare and revert,
a record or page being edited can be locked, and the audit log says who did what."""

import re

from django.apps import apps
from django.urls import reverse

from wagtail.models import ModelLogEntry, Page, PageLogEntry, RevisionMixin

import pytest

from agreements.models import Agreement
from tests.editors.conftest import page_form_data, snippet_form_data, snippet_url
from tests.factories import chapter, make_agreement

pytestmark = pytest.mark.django_db

PORTAL_APPS = ("portal", "agreements", "diplomacy")


def save_draft(client, user, obj, **changes):
    client.force_login(user)
    response = client.post(snippet_url(obj, "edit"), snippet_form_data(client, obj, **changes))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response


def test_every_model_editors_keep_has_revisions():
    from wagtail.snippets.models import get_snippet_models

    editable = [m for m in get_snippet_models() if m._meta.app_label in PORTAL_APPS]
    editable += [m for m in apps.get_models() if issubclass(m, Page) and m._meta.app_label in PORTAL_APPS]
    assert len(editable) >= 11
    for model in editable:
        assert issubclass(model, RevisionMixin), model


def test_the_history_lists_each_save_with_its_author_and_compare_shows_the_change(client, editor, moderator):
    agreement = make_agreement(slug="history", title="Old title for history")
    save_draft(client, editor, agreement, title="New title for history")
    history = client.get(snippet_url(agreement, "history")).content.decode()
    assert "editor" in history and "Edited" in history

    revisions = list(agreement.revisions.order_by("created_at", "pk"))
    assert len(revisions) == 2 and revisions[-1].user == editor
    compare = reverse(
        agreement.snippet_viewset.get_url_name("revisions_compare"),
        args=[agreement.pk, revisions[0].pk, revisions[-1].pk],
    )
    html = client.get(compare).content.decode()
    # The title's diff: the word taken out, the word put in.
    assert re.search(r'class="deletion">\s*Old', html) and re.search(r'class="addition">\s*New', html)


def test_a_moderator_reverts_to_an_earlier_revision_and_publishes_it(client, editor, moderator):
    agreement = make_agreement(slug="revert-me", title="The right title")
    agreement.title = "A wrong title"
    agreement.save_revision(user=editor).publish()
    first = agreement.revisions.order_by("created_at", "pk").first()

    client.force_login(moderator)
    revert_url = reverse(agreement.snippet_viewset.get_url_name("revisions_revert"), args=[agreement.pk, first.pk])
    response = client.get(revert_url)
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "The right title"
    data = snippet_form_data(client, agreement)
    data["title"] = response.context["form"]["title"].value()
    data["action-publish"] = "Publish"
    assert client.post(revert_url, data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "The right title"
    assert ModelLogEntry.objects.for_instance(agreement).filter(action="wagtail.revert", user=moderator).exists()


def test_page_revisions_compare_and_revert(client, moderator):
    page = chapter(3)
    original_title = page.title
    page.title = "A mistaken chapter title"
    page.save_revision(user=moderator).publish()
    first = page.revisions.order_by("created_at", "pk").first()
    client.force_login(moderator)
    assert client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).status_code == 200
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, "latest"])
    html = client.get(compare).content.decode()
    assert original_title in html and "A mistaken chapter title" in html
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    response = client.get(revert)
    assert response.status_code == 200
    data = page_form_data(client, page, title=original_title)
    data["action-publish"] = "Publish"
    data["revision"] = str(first.pk)
    assert client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code == 302
    page.refresh_from_db()
    assert page.title == original_title


def test_a_record_locked_by_one_editor_cannot_be_changed_by_another(client, editor, other_editor, moderator):
    agreement = make_agreement(slug="locked", title="Locked agreement")
    client.force_login(editor)
    assert client.post(snippet_url(agreement, "lock")).status_code == 302
    agreement.refresh_from_db()
    assert agreement.locked and agreement.locked_by == editor

    client.force_login(other_editor)
    edit = client.get(snippet_url(agreement, "edit")).content.decode()
    assert "locked" in edit.lower()
    data = snippet_form_data(client, agreement, title="Overwritten by someone else")
    response = client.post(snippet_url(agreement, "edit"), data)
    assert response.status_code in (200, 302)
    assert not agreement.revisions.filter(content__title="Overwritten by someone else").exists()
    client.post(snippet_url(agreement, "unlock"))
    agreement.refresh_from_db()
    assert agreement.locked, "an editor cannot lift someone else's lock"

    client.force_login(moderator)
    client.post(snippet_url(agreement, "unlock"))
    agreement.refresh_from_db()
    assert not agreement.locked


def test_a_page_locked_by_one_editor_cannot_be_changed_by_another(client, editor, other_editor):
    page = chapter(2)
    client.force_login(editor)
    client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    page.refresh_from_db()
    assert page.locked and page.locked_by == editor
    client.force_login(other_editor)
    data = page_form_data(client, page, title="Overwritten chapter title")
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert not page.revisions.filter(content__title="Overwritten chapter title").exists()
    client.force_login(editor)
    client.post(reverse("wagtailadmin_pages:unlock", args=[page.pk]))
    page.refresh_from_db()
    assert not page.locked, "an editor lifts their own lock"


def test_the_audit_log_shows_who_did_what(client, editor, moderator):
    agreement = Agreement.objects.get(slug="peru-brazil-deepening")
    save_draft(client, editor, agreement, notes="Checked on the ministry's site.")
    client.force_login(moderator)
    data = snippet_form_data(client, agreement)
    data["action-publish"] = "Publish"
    client.post(snippet_url(agreement, "edit"), data)

    entries = ModelLogEntry.objects.for_instance(agreement)
    assert entries.filter(user=editor, action="wagtail.edit").exists()
    assert entries.filter(user=moderator, action="wagtail.publish").exists()
    report = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert agreement.title in report
    assert "editor" in report and "moderator" in report

    page = chapter(1)
    page.save_revision(user=editor, log_action=True)
    assert PageLogEntry.objects.filter(page=page, user=editor, action="wagtail.edit").exists()
