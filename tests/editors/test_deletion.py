"""A record (or chapter) that other records link to is never deleted: the admin refuses and says
what still links to it. Links through many-to-many fields count too."""

from django.urls import reverse

import pytest

from agreements.models import Agreement, Partner
from diplomacy.models import Area, Initiative
from portal.editorial.deletion import incoming_links
from tests.editors.conftest import snippet_url
from tests.factories import chapter, make_agreement, make_area, make_figure, make_initiative, make_partner

pytestmark = pytest.mark.django_db


def link(initiative, field, target):
    # Parental many-to-many links are kept in memory until the record is saved.
    getattr(initiative, field).add(target)
    initiative.save()


def delete(client, user, obj):
    client.force_login(user)
    return client.post(snippet_url(obj, "delete"), follow=True)


def refused(response, obj):
    html = response.content.decode()
    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert "was not deleted because other records link to it" in html
    return html


def test_an_agreement_that_initiatives_link_to_is_kept(client, moderator):
    agreement = make_agreement(slug="linked-agreement")
    link(make_initiative(slug="uses-the-agreement"), "agreements", agreement)
    html = refused(delete(client, moderator, agreement), agreement)
    assert "Initiatives: 1" in html


def test_a_partner_that_an_agreement_names_as_party_is_kept(client, moderator):
    partner = make_partner(slug="party-only", name="Party only")
    make_agreement(slug="with-party", parties=[partner])
    assert incoming_links(partner) == [("Trade agreements", 1)]
    refused(delete(client, moderator, partner), partner)


def test_a_country_listed_as_a_blocs_member_is_kept(client, moderator):
    country = make_partner(slug="member-country", name="Member country", code="ZZ")
    make_partner(slug="some-bloc", name="Some bloc", kind="bloc", members=[country])
    refused(delete(client, moderator, country), country)


def test_an_area_that_initiatives_use_as_secondary_area_is_kept(client, moderator):
    area = make_area(slug="secondary-only")
    link(make_initiative(slug="with-secondary"), "secondary_areas", area)
    refused(delete(client, moderator, area), area)


def test_an_initiative_that_a_figure_measures_is_kept(client, moderator):
    initiative = make_initiative(slug="measured")
    make_figure(initiative=initiative)
    html = refused(delete(client, moderator, initiative), initiative)
    assert "Key figures: 1" in html


def test_the_book_content_is_protected_too(client, moderator):
    for obj in (
        Agreement.objects.get(slug="andean-community"),
        Partner.objects.get(code="JP"),
        Area.objects.get(slug="health"),
    ):
        refused(delete(client, moderator, obj), obj)


def test_the_confirmation_page_already_explains_the_refusal(client, moderator):
    agreement = make_agreement(slug="linked-again")
    link(make_initiative(slug="links-again"), "agreements", agreement)
    client.force_login(moderator)
    response = client.get(snippet_url(agreement, "delete"), HTTP_REFERER="https://elsewhere.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home"), "never back to another site"


def test_a_bulk_deletion_with_one_linked_record_deletes_nothing(client, moderator):
    free = make_agreement(slug="free-to-go")
    linked = make_agreement(slug="linked-in-bulk")
    link(make_initiative(slug="links-in-bulk"), "agreements", linked)
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["agreements", "agreement", "delete"])
    client.post(f"{url}?id={free.pk}&id={linked.pk}", follow=True)
    assert Agreement.objects.filter(pk__in=[free.pk, linked.pk]).count() == 2


def test_unlinked_records_are_deleted(client, moderator):
    agreement = make_agreement(slug="to-delete")
    partner = make_partner(slug="lonely-partner")
    initiative = make_initiative(slug="lonely-initiative")
    for obj in (agreement, partner, initiative):
        delete(client, moderator, obj)
        assert not type(obj).objects.filter(pk=obj.pk).exists()


def test_a_chapter_that_records_point_at_is_kept(client, admin_user):
    page = chapter(3)
    client.force_login(admin_user)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]), follow=True)
    assert type(page).objects.filter(pk=page.pk).exists()
    assert "was not deleted because other records link to it" in response.content.decode()
    assert Initiative.objects.filter(chapter=page).exists()
