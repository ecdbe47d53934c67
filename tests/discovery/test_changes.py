"""/<lang>/changes/: every publication of a record or a page, newest first, with what changed."""

import pytest

from tests.factories import make_agreement

pytestmark = pytest.mark.django_db


def test_a_status_change_is_listed_first_with_its_before_and_after(client):
    agreement = make_agreement(title="Peru–Atlantis FTA", status="negotiating")
    agreement.status = "signed"
    agreement.save_revision().publish()
    html = client.get("/en/changes/").content.decode()
    assert html.count("Peru–Atlantis FTA") == 2
    first = html.index('<li id="publication-')
    assert html.index("Peru–Atlantis FTA") - first < 600
    assert "Under negotiation → Signed" in html or "under negotiation → signed" in html.lower()
    assert f"{agreement.get_absolute_url()}#history-heading" in html


def test_a_withdrawn_record_and_a_draft_are_not_listed(client):
    withdrawn = make_agreement(title="Withdrawn agreement")
    withdrawn.unpublish()
    draft = make_agreement(title="Draft changes")
    draft.title = "Secret new title"
    draft.save_revision()
    html = client.get("/en/changes/").content.decode()
    assert "Withdrawn agreement" not in html
    assert "Secret new title" not in html


def test_the_page_is_in_spanish_with_its_feed(client):
    html = client.get("/es/changes/").content.decode()
    assert '<html lang="es">' in html
    assert 'href="/es/changes/feed/"' in html


def test_the_page_runs_the_same_queries_with_many_publications(client, django_assert_max_num_queries):
    client.get("/en/changes/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get("/en/changes/")
    for n in range(40):
        make_agreement(title=f"Bulk {n}")
    with django_assert_max_num_queries(len(before)):
        assert client.get("/en/changes/").status_code == 200
