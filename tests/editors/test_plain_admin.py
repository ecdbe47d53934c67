"""The admin in an editor's words: long lists of partners to search rather than scroll, labels in
words, "—" for an empty fixed value, messages that say whether a save made something public, a
chapter opened section by section, and no avatar fetched from another site."""

import re
from pathlib import Path

from django.urls import reverse
from django.utils import translation

import pytest

from agreements.models import Agreement, Partner, Partnership
from diplomacy.models import Initiative
from portal.book.blocks import ChapterBodyBlock
from portal.foundations.admin import SearchableCheckboxes
from tests.editors.conftest import page_form_data, snippet_form_data, snippet_url
from tests.factories import chapter

pytestmark = pytest.mark.django_db

SEARCHABLE = [(Agreement, "parties"), (Partner, "members"), (Initiative, "partners"), (Initiative, "agreements")]


def edit_page(client, obj):
    response = client.get(snippet_url(obj, "edit"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("model, name", SEARCHABLE, ids=lambda x: getattr(x, "__name__", x))
def test_long_lists_of_records_are_chosen_with_a_search_box(model, name):
    form_class = model.snippet_viewset.get_edit_handler().get_form_class()
    assert isinstance(form_class.base_fields[name].widget, SearchableCheckboxes)


def test_the_agreement_form_offers_its_parties_with_a_search_box_and_the_chosen_ones_named(client, editor):
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    client.force_login(editor)
    html = edit_page(client, agreement)
    start = html.index('data-controller="portal-choices"')
    widget = html[start : html.index("portal-choices__empty", start)]
    assert 'type="search"' in widget and "Find a name in the list" in widget
    assert 'name="parties"' in widget
    japan = Partner.objects.get(code="JP")
    assert f'value="{japan.pk}"' in widget and "checked" in widget
    assert widget.count('type="checkbox"') == Partner.objects.count()
    assert "portal/admin/searchable-checkboxes.js" in html


def test_parties_chosen_in_the_form_are_saved_and_kept_in_the_revision(client, editor):
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    chile = Partner.objects.get(code="CL")
    client.force_login(editor)
    parties = [str(pk) for pk in agreement.parties.values_list("pk", flat=True)] + [str(chile.pk)]
    data = snippet_form_data(client, agreement, parties=parties)
    response = client.post(snippet_url(agreement, "edit"), data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    draft = agreement.latest_revision.as_object()
    assert chile in draft.parties.all()
    # A draft: the published record keeps its parties.
    assert chile not in agreement.parties.all()


@pytest.mark.parametrize(
    "model, name, label",
    [
        (Partnership, "year_start", "First year"),
        (Agreement, "book_order", "Position in the book"),
        (Agreement, "title_es", "Title (Spanish)"),
        (Initiative, "book_order", "Position in the book"),
    ],
)
def test_labels_are_words(client, editor, model, name, label):
    client.force_login(editor)
    assert label in edit_page(client, model.objects.first())


@pytest.mark.parametrize("language, word", [("en", "Spanish"), ("es", "Spanish")])
def test_every_spanish_twin_is_labelled_as_such_not_by_its_field_name(language, word):
    for model in (Agreement, Partner, Initiative):
        for field in model._meta.fields:
            if field.name.endswith("_es"):
                with translation.override(language):
                    label = str(field.verbose_name)
                assert not label.endswith(" es"), (model.__name__, field.name)
                assert "(" in label, (model.__name__, field.name, label)


def test_an_empty_fixed_value_reads_as_a_dash_not_none(client, editor):
    agreement = Agreement.objects.filter(book_year_end__isnull=True).first()
    client.force_login(editor)
    html = edit_page(client, agreement)
    outputs = html.split('class="w-field__textoutput"')[1:]
    assert outputs
    values = [output.split(">", 1)[1].split("</div>", 1)[0].strip() for output in outputs]
    assert "None" not in values
    assert "—" in values


def test_saving_a_record_says_it_is_a_draft_not_yet_public(client, editor):
    agreement = Agreement.objects.get(slug="tisa")
    client.force_login(editor)
    response = client.post(snippet_url(agreement, "edit"), snippet_form_data(client, agreement), follow=True)
    html = response.content.decode()
    assert "Draft saved — not public yet." in html
    assert "the public site still shows the last published version" in html
    assert "updated and published" not in html


def test_publishing_a_record_says_published(client, moderator):
    agreement = Agreement.objects.get(slug="tisa")
    client.force_login(moderator)
    data = snippet_form_data(client, agreement, notes="Checked.")
    data["action-publish"] = "Publish"
    response = client.post(snippet_url(agreement, "edit"), data, follow=True)
    html = response.content.decode()
    assert "Published. Trade agreement “" in html and "is now on the public site." in html
    assert "Draft saved" not in html


def test_a_new_record_saved_as_a_draft_says_so(client, editor):
    client.force_login(editor)
    data = snippet_form_data(client, Agreement.objects.get(slug="tisa"), title="A new agreement", slug="a-new-one")
    data.pop("parties", None)
    response = client.post(reverse(Agreement.snippet_viewset.get_url_name("add")), data, follow=True)
    html = response.content.decode()
    assert (
        "Draft saved — not public yet. Trade agreement “A new agreement”: publish it or submit it for review." in html
    )


def test_saving_a_page_says_draft_and_publishing_it_says_published(client, moderator):
    page = chapter(1)
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.post(url, page_form_data(client, page), follow=True).content.decode()
    assert "Draft saved — not public yet. Chapter “" in html
    assert "has been updated" not in html
    data = page_form_data(client, page)
    data["action-publish"] = "action-publish"
    html = client.post(url, data, follow=True).content.decode()
    assert "Published. Chapter “" in html and "is now on the public site." in html
    assert "has been published" not in html


def test_the_chapter_editor_shows_the_title_whole_and_its_sections_collapsed(client, editor):
    page = chapter(3)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    # The title box grows with the title (Enter does not start a new line: a title is one line).
    title_box = html[html.index('<textarea name="title"') :].split(">", 1)[0]
    assert 'data-controller="w-autosize w-sync"' in title_box and "keydown.enter-&gt;" in title_box
    assert page.title in html
    # Every section starts collapsed: the editor opens the one to change.
    assert ChapterBodyBlock._meta_class.collapsed is True
    assert "&quot;collapsed&quot;: true" in html or '"collapsed": true' in html


def test_no_avatar_is_fetched_from_gravatar(client, editor, settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    client.force_login(editor)
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account")):
        assert "gravatar" not in client.get(url).content.decode().lower()


def test_every_picture_the_editor_guide_shows_exists():
    docs = Path(__file__).resolve().parents[2] / "docs"
    pictures = re.findall(r"!\[[^\]]*\]\((img/[^)]+)\)", (docs / "editors.md").read_text())
    assert "img/agreement-parties.png" in pictures and "img/dashboard-verify.png" in pictures
    assert [picture for picture in pictures if not (docs / picture).is_file()] == []


def test_the_inspect_view_shows_a_dash_for_an_empty_value(client, editor):
    agreement = Agreement.objects.filter(signed_on__isnull=True).first()
    client.force_login(editor)
    html = client.get(snippet_url(agreement, "inspect")).content.decode()
    values = [value.split("</dd>", 1)[0].strip() for value in html.split("<dd>")[1:]]
    assert "None" not in values
    assert "—" in values
