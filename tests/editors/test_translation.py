"""Translating the book in the admin (wagtail-localize), on the deployment load_portal makes: when the
English changes, editors see which segments of the Spanish are out of date, translate them, and a
moderator publishes the translation; editors cannot publish it themselves."""

from urllib.parse import urlencode

from django.urls import reverse

from wagtail.models import Locale

import pytest
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from tests.factories import chapter

pytestmark = pytest.mark.django_db

NEW_HEADING = "Health diplomacy, in and after the pandemic"
SPANISH_HEADING = "La diplomacia sanitaria, durante y después de la pandemia"


def change_health_heading(page, user):
    body = page.body.get_prep_value()
    for section in body:
        if section["value"]["anchor"] == "health-diplomacy":
            section["value"]["heading"] = NEW_HEADING
    page.body = body
    page.save_revision(user=user).publish(user=user)


def test_an_editor_translates_a_changed_section_and_a_moderator_publishes_it(
    client, editor, moderator, django_capture_on_commit_callbacks
):
    spanish_locale = Locale.objects.get(language_code="es")
    english = chapter(3)
    spanish = english.get_translation(spanish_locale)
    change_health_heading(english, moderator)

    # The editor brings the change into the translation ("Sync translated pages").
    source = TranslationSource.objects.get(object_id=english.translation_key, locale=english.locale)
    client.force_login(editor)
    assert client.post(reverse("wagtail_localize:update_translations", args=[source.pk])).status_code == 302
    translation = Translation.objects.get(source=source, target_locale=spanish_locale)
    segment = StringSegment.objects.get(source=source, string__data=NEW_HEADING)
    untranslated = StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=spanish_locale
    )
    assert not untranslated.exists()
    # The translation editor shows the segment, and the rest of the chapter already translated.
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk]))
    assert editor_page.status_code == 200 and NEW_HEADING in editor_page.content.decode()
    total, done = translation.get_progress()
    assert done == total - 1

    # The editor translates it; it is not public yet, and the editor may not publish it.
    response = client.generic(
        "PUT",
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": SPANISH_HEADING}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201
    assert SPANISH_HEADING not in client.get("/es/chapter-3/").content.decode()
    refused = client.post(reverse("wagtailadmin_pages:edit", args=[spanish.pk]), {"action": "publish"})
    assert refused.status_code in (302, 403) and SPANISH_HEADING not in client.get("/es/chapter-3/").content.decode()

    # Moderators see it waiting on their dashboard, and publish it.
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Translations to publish" in dashboard and spanish.title in dashboard
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(reverse("wagtailadmin_pages:edit", args=[spanish.pk]), {"action": "publish"})
    assert published.status_code == 302
    page = client.get("/es/chapter-3/").content.decode()
    assert SPANISH_HEADING in page and 'id="health-diplomacy"' in page
    assert "No translation is waiting to be published." in client.get(reverse("wagtailadmin_home")).content.decode()
