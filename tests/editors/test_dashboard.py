"""The admin dashboard shows the portal's state at a glance: records by status, what awaits review,
and the agreements nobody has verified in over a year."""

import datetime

from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, WorkflowState

import pytest

from agreements.models import Agreement, AgreementStatus
from diplomacy.models import Initiative
from portal.editorial.dashboard import PortalStatePanel, StaleAgreementsPanel, stale_agreements
from tests.editors.conftest import snippet_form_data, snippet_url

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_sees_the_three_panels(client, editor):
    html = dashboard(client, editor)
    assert "The portal at a glance" in html
    assert "Submitted for review" in html and "Nothing is waiting for review." in html
    assert f"{stale_agreements().count()} agreements not yet verified — open the list" in html


def test_records_are_counted_by_publication_status_and_by_their_own_status():
    context = PortalStatePanel().get_context_data({"request": RequestFactory().get("/")})
    rows = {str(row["label"]): row for row in context["rows"]}
    assert rows["trade agreements"]["published"] == Agreement.objects.live().count()
    assert rows["initiatives"]["published"] == Initiative.objects.live().count()
    assert rows["pages"]["published"] == Page.objects.live().filter(depth__gt=1).count()
    assert (
        dict(context["agreements"])[AgreementStatus.SIGNED.label]
        == Agreement.objects.live().filter(status="signed").count()
    )
    assert all(row["drafts"] == 0 and row["in_review"] == 0 for row in context["rows"])


def test_a_submitted_record_shows_in_review_and_in_the_list(client, editor):
    agreement = Agreement.objects.get(slug="tisa")
    client.force_login(editor)
    data = snippet_form_data(client, agreement, notes="Negotiations paused.")
    data["action-submit"] = "Submit"
    client.post(snippet_url(agreement, "edit"), data)
    assert WorkflowState.objects.active().count() == 1
    context = PortalStatePanel().get_context_data({})
    rows = {str(row["label"]): row for row in context["rows"]}
    assert rows["trade agreements"]["in_review"] == 1
    assert rows["trade agreements"]["changed"] == 1
    html = dashboard(client, editor)
    assert "1 item awaits a moderator" in html
    assert agreement.title in html and snippet_url(agreement, "edit") in html


def test_agreements_never_or_long_ago_verified_are_flagged():
    today = timezone.localdate()
    fresh = Agreement.objects.get(slug="peru-japan-epa")
    old = Agreement.objects.get(slug="peru-china-fta")
    before = stale_agreements().count()
    Agreement.objects.filter(pk=fresh.pk).update(last_verified_on=today - datetime.timedelta(days=30))
    Agreement.objects.filter(pk=old.pk).update(last_verified_on=today - datetime.timedelta(days=400))
    stale = list(stale_agreements())
    assert fresh not in stale and old in stale
    assert len(stale) == before - 1
    # Never verified first, then the oldest verification.
    assert stale[-1] == old
    context = StaleAgreementsPanel().get_context_data({})
    assert context["total"] == before - 1
    assert "ordering=last_verified_on" in context["listing_url"]


def test_the_stale_agreements_link_opens_the_listing_filtered_to_the_same_agreements(client, editor):
    Agreement.objects.filter(slug="peru-japan-epa").update(last_verified_on=timezone.localdate())
    html = dashboard(client, editor)
    url = StaleAgreementsPanel().get_context_data({})["listing_url"]
    assert f'href="{url.replace("&", "&amp;")}"' in html
    response = client.get(url)
    listed = response.context["object_list"]
    assert response.context["items_count"] == stale_agreements().count()
    assert "peru-japan-epa" not in {agreement.slug for agreement in listed}
    assert [agreement.pk for agreement in listed][: StaleAgreementsPanel.limit] == [
        agreement.pk for agreement in stale_agreements()[: StaleAgreementsPanel.limit]
    ]


def test_the_stale_agreements_filter_is_offered_in_the_listing(client, editor):
    client.force_login(editor)
    html = client.get(reverse(Agreement.snippet_viewset.get_url_name("list"))).content.decode()
    assert "Not verified in over a year, or never" in html


def test_dashboard_panels_have_their_own_headings_and_tables(client, editor):
    html = dashboard(client, editor)
    for heading in (
        "Pages and records by publication status",
        "Published trade agreements by current status",
        "Published initiatives by status",
        "Agreements to verify",
    ):
        assert heading in html
    assert html.count("portal-dashboard-panel") >= 3
    assert "portal/admin/admin.css" in html


def test_when_every_agreement_is_verified_the_panel_says_there_is_nothing_to_do(client, editor):
    Agreement.objects.update(last_verified_on=timezone.localdate())
    assert "Nothing to do here." in dashboard(client, editor)
