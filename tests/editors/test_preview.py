"""Live preview: the admin renders an unsaved change to any page or record with the public
templates, and the change stays a preview."""

from django.urls import reverse

import pytest

from agreements.models import Agreement, Partner, Partnership
from diplomacy.models import Area, Initiative, KeyFigure
from portal.book.models import Author, AuthorsPage
from tests.editors.conftest import page_form_data, snippet_form_data, snippet_url
from tests.factories import chapter, home_page

pytestmark = pytest.mark.django_db

CHANGED = "Previewed but never saved"


def preview(client, preview_url, data):
    response = client.post(preview_url, data)
    assert response.status_code == 200
    assert response.json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert response.status_code == 200
    # The admin shows the preview in a frame of its own: both headers must allow it.
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    return response.content.decode()


@pytest.mark.parametrize(
    "model, lookup, field",
    [
        (Agreement, {"slug": "peru-japan-epa"}, "description"),
        (Partner, {"code": "JP"}, "name"),
        (Partnership, {}, "description"),
        (Area, {"slug": "health"}, "summary"),
        (Initiative, {}, "description"),
        (KeyFigure, {}, "label"),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else None,
)
def test_an_editor_previews_a_record(client, editor, model, lookup, field):
    obj = model.objects.filter(**lookup).first()
    client.force_login(editor)
    html = preview(client, snippet_url(obj, "preview_on_edit"), snippet_form_data(client, obj, **{field: CHANGED}))
    assert CHANGED in html
    obj.refresh_from_db()
    assert getattr(obj, field) != CHANGED


def test_a_moderator_previews_an_author(client, moderator):
    author = Author.objects.first()
    client.force_login(moderator)
    data = snippet_form_data(client, author, name=CHANGED)
    data["bio"] = data["bio_es"] = (
        '{"blocks": [{"key": "a", "type": "unstyled", "text": "A bio.", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}'
    )
    assert CHANGED in preview(client, snippet_url(author, "preview_on_edit"), data)


@pytest.mark.parametrize("get_page", [home_page, lambda: chapter(2), lambda: AuthorsPage.objects.first()])
def test_an_editor_previews_a_page(client, editor, get_page):
    page = get_page()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    html = preview(client, url, page_form_data(client, page, title=CHANGED))
    assert CHANGED in html
    page.refresh_from_db()
    assert page.title != CHANGED


def test_a_chapter_preview_shows_a_changed_section(client, editor):
    page = chapter(1)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    html = preview(client, url, page_form_data(client, page, **{"body-0-value-heading": CHANGED}))
    assert CHANGED in html


@pytest.fixture
def fragment_cache():
    from django.conf import settings
    from django.core.cache import caches
    from django.test import override_settings

    caches["default"].clear()
    with override_settings(PORTAL_PAGE_CACHE={**settings.PORTAL_PAGE_CACHE, "FRAGMENT_SECONDS": 60}):
        yield
    caches["default"].clear()


def test_previews_never_come_from_the_fragment_cache(client, editor, fragment_cache):
    agreement, page = Agreement.objects.get(slug="peru-japan-epa"), chapter(1)
    for url in (agreement.get_absolute_url(), page.url):
        client.get(url)  # the public pages' fragments are now cached
    client.force_login(editor)
    data = snippet_form_data(client, agreement, description=CHANGED)
    assert CHANGED in preview(client, snippet_url(agreement, "preview_on_edit"), data)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert CHANGED in preview(client, url, page_form_data(client, page, **{"body-0-value-heading": CHANGED}))
    assert CHANGED not in client.get(agreement.get_absolute_url()).content.decode()
