"""The admin as editors meet it: listings that filter and sort like the public ones, help text on
every field they fill in, and the whole admin in English or Spanish."""

import csv
import io
import json

from django.urls import reverse
from django.utils import translation

from wagtail.admin.panels import get_edit_handler
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin, WorkflowMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

import pytest

from agreements.models import Agreement, Partnership
from diplomacy.models import Initiative
from portal.book.models import AuthorsPage, ChapterPage, HomePage
from tests.editors.conftest import page_form_data
from tests.factories import chapter, make_agreement

pytestmark = pytest.mark.django_db

PORTAL_APPS = ("portal", "agreements", "diplomacy")
SNIPPETS = [model for model in get_snippet_models() if model._meta.app_label in PORTAL_APPS]
PAGES = [HomePage, ChapterPage, AuthorsPage]
# Wagtail's own fields (publishing schedule, locks, revisions) carry Wagtail's own labels.
WAGTAIL_FIELDS = {
    field.name
    for mixin in (DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin)
    for field in mixin._meta.get_fields()
}


def listing(client, model, **params):
    response = client.get(reverse(model.snippet_viewset.get_url_name("list")), params)
    assert response.status_code == 200
    return response


def columns(client, model):
    return listing(client, model).context["view"].columns


@pytest.mark.parametrize("model", SNIPPETS, ids=lambda model: model.__name__)
def test_every_column_of_every_admin_listing_sorts(admin_client, model):
    html = listing(admin_client, model).content.decode()
    unsortable = [column.name for column in columns(admin_client, model) if not column.sort_key]
    assert unsortable == ["bulk_actions"]  # the checkboxes
    for column in columns(admin_client, model):
        if not column.sort_key:
            continue
        assert f"ordering={column.sort_key}" in html or f"ordering=-{column.sort_key}" in html, column.name
        for ordering in (column.sort_key, f"-{column.sort_key}"):
            assert listing(admin_client, model, ordering=ordering).context["ordering"] == ordering


@pytest.mark.parametrize(
    "model, column, key",
    [
        (Agreement, "book_years", "book_year_start"),
        (Partnership, "partner", "partner"),
        (Partnership, "years", "year_start"),
        (Initiative, "when", "start_year"),
    ],
)
def test_computed_columns_sort_by_the_field_they_show(admin_client, model, column, key):
    assert next(c for c in columns(admin_client, model) if c.name == column).sort_key == key


def test_agreements_sort_by_last_verified_date_never_verified_with_the_oldest(admin_client):
    Agreement.objects.filter(slug="peru-japan-epa").update(last_verified_on="2020-01-01")
    Agreement.objects.filter(slug="tisa").update(last_verified_on="2025-01-01")
    oldest_first = list(listing(admin_client, Agreement, ordering="last_verified_on").context["object_list"])
    assert oldest_first[0].last_verified_on is None
    newest_first = [
        a.slug for a in listing(admin_client, Agreement, ordering="-last_verified_on").context["object_list"]
    ]
    assert newest_first[:2] == ["tisa", "peru-japan-epa"]


def test_admin_listings_filter_like_the_public_ones(admin_client):
    signed = listing(admin_client, Agreement, status="signed").context["object_list"]
    assert {agreement.status for agreement in signed} == {"signed"}
    japan = {agreement.slug for agreement in listing(admin_client, Agreement, country="jp").context["object_list"]}
    assert "peru-japan-epa" in japan and "cptpp" in japan and "peru-china-fta" not in japan
    assert japan == set(Agreement.objects.involving("JP").values_list("slug", flat=True))
    asia = listing(admin_client, Partnership, region="asia").context["object_list"]
    assert asia and {partnership.partner.region for partnership in asia} == {"asia"}
    health = listing(admin_client, Initiative, area=Initiative.objects.filter(area__slug="health").first().area_id)
    assert {initiative.area.slug for initiative in health.context["object_list"]} == {"health"}
    chile = {i.pk for i in listing(admin_client, Initiative, country="CL").context["object_list"]}
    assert chile == set(Initiative.objects.involving("CL").values_list("pk", flat=True))


def editor_form_fields(model):
    """(name, model field) for every form field an editor sees that maps to one of the portal's fields."""
    form_class = get_edit_handler(model).get_form_class()
    for name in form_class.base_fields:
        if name in WAGTAIL_FIELDS:
            continue
        field = next((f for f in model._meta.get_fields() if f.name == name), None)
        if field is None:
            continue  # a form-only field
        if issubclass(model, Page) and field.model is Page:
            continue  # title, slug, SEO fields: Wagtail's own help
        yield name, field


@pytest.mark.parametrize("model", SNIPPETS + PAGES, ids=lambda model: model.__name__)
def test_every_field_an_editor_sees_has_help_text(model):
    fields = list(editor_form_fields(model))
    assert fields
    assert [name for name, field in fields if not str(field.help_text).strip()] == []


@pytest.mark.parametrize("model", SNIPPETS + PAGES, ids=lambda model: model.__name__)
def test_every_concrete_field_of_the_portals_models_has_help_text(model):
    own = [
        field
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.name not in WAGTAIL_FIELDS
        and field.name != "id"
        and not field.name.endswith("_ptr")
        and field.model._meta.app_label in PORTAL_APPS
    ]
    assert [field.name for field in own if not field.help_text] == []


def test_the_admin_speaks_spanish_to_an_editor_who_chooses_it(client, editor):
    client.force_login(editor)
    english = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="en"' in english
    form = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'value="es"' in form and '<option value="fr"' not in form, "English and Spanish only"
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="es"' in html
    with translation.override("es"):
        dashboard = translation.gettext("Dashboard")  # Wagtail's own catalogue
    assert dashboard != "Dashboard" and f"<title>{dashboard}" in html
    assert "Acuerdos comerciales" in client.get(reverse("wagtailsnippets_agreements_agreement:list")).content.decode()


@pytest.mark.parametrize("title", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_the_admins_csv_export_neutralizes_formulas(client, moderator, title):
    make_agreement(title=title, slug="formula")
    client.force_login(moderator)
    url = reverse(Agreement.snippet_viewset.get_url_name("list"))
    response = client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert ["'" + title] in [[cell for cell in row if cell.endswith(title)] for row in rows]


def test_a_form_that_arrives_without_its_stream_counts_gets_a_clear_400(client, editor):
    page = chapter(1)
    client.force_login(editor)
    client.raise_request_exception = False
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"title": "x", "slug": "chapter-1"})
    assert response.status_code == 400
    assert "The form arrived incomplete" in response.content.decode()
    page.refresh_from_db()
    assert page.title != "x"


BROKEN_PAGE_LINK = (
    '{"blocks":[{"key":"a","type":"unstyled","text":"link","depth":0,"inlineStyleRanges":[],'
    '"entityRanges":[{"offset":0,"length":4,"key":0}]}],'
    '"entityMap":{"0":{"type":"LINK","mutability":"MUTABLE","data":{"id":"abc","url":"/x/","linkType":"page"}}}}'
)


def test_a_link_to_a_page_that_cannot_exist_is_refused_on_save(client, editor):
    page = chapter(1)
    client.force_login(editor)
    client.raise_request_exception = False
    data = page_form_data(client, page)
    data["body-0-value-content-0-value"] = BROKEN_PAGE_LINK
    revisions = page.revisions.count()
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert "A link to a page of this site is broken" in response.content.decode()
    assert page.revisions.count() == revisions


def test_text_already_holding_such_a_link_still_renders(client):
    page = chapter(1)
    body = page.body.get_prep_value()
    body[0]["value"]["content"][0]["value"] = '<p><a linktype="page" id="abc">link</a> kept</p>'
    ChapterPage.objects.filter(pk=page.pk).update(body=json.dumps(body))
    response = client.get(page.url)
    assert response.status_code == 200 and "<a>link</a> kept" in response.content.decode()
