"""Editors search and filter every admin listing, on SQLite and PostgreSQL, and no query string they
can type gives a server error."""

from django.test import Client
from django.urls import reverse

from wagtail.snippets.models import get_snippet_models

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.models import Agreement, Partner, Partnership
from diplomacy.models import Area, Initiative, KeyFigure
from portal.book.models import Author, Publisher

pytestmark = pytest.mark.django_db

# What an editor types, and a record each query must find.
SEARCHES = [
    (Agreement, "Japan", "peru-japan-epa"),
    (Agreement, "Japón", "peru-japan-epa"),
    (Partner, "Japan", "japan"),
    (Partnership, "Mexico", "mexico"),
    (Initiative, "APCI", "apci"),
    (Area, "health", "health"),
    (KeyFigure, "repatriated", None),
    (Author, "Novak", "fabian-novak"),
    (Publisher, "Konrad", "kas"),
]


def listing(model):
    return reverse(model.snippet_viewset.get_url_name("list"))


@pytest.fixture
def editor_client(moderator):
    client = Client(raise_request_exception=False)
    client.force_login(moderator)
    return client


@pytest.mark.parametrize("model, words, slug", SEARCHES, ids=[model.__name__ for model, _w, _s in SEARCHES])
def test_searching_an_admin_listing_finds_the_record(editor_client, model, words, slug):
    response = editor_client.get(listing(model), {"q": words})
    assert response.status_code == 200
    found = [obj.slug for obj in response.context["object_list"]]
    assert found, words
    if slug:
        assert slug in found


FILTER_VALUES = {"region": "asia", "country": "JP", "status": "in_force", "kind": "free_trade", "live": "true"}


def test_every_admin_listing_searches_and_filters(editor_client):
    # The portal's own listings (the test settings' throw-away type has no editors' permissions).
    for model in [model for model in get_snippet_models() if model._meta.app_label != "throwaway"]:
        url = listing(model)
        assert editor_client.get(url, {"q": "peru"}).status_code == 200, model
        filterset = editor_client.get(url).context.get("filters")
        for name in filterset.form.fields if filterset else []:
            response = editor_client.get(url, {name: FILTER_VALUES.get(name, "1"), "q": "a"})
            assert response.status_code == 200, (model, name)


QUERY = st.dictionaries(
    st.sampled_from(["q", "ordering", "p", "status", "kind", "region", "country", "year", "live", "area", "locale"]),
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            ["in_force", "JP", "asia", "europe", "title", "-title", "true", "x" * 300, "0", "-1", "2006", "%00"]
        ),
    ),
    max_size=4,
)


@pytest.mark.parametrize("model", [Agreement, Partner, Partnership, Initiative, KeyFigure, Area, Author])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERY)
def test_no_admin_query_string_gives_a_server_error(editor_client, model, query):
    query = {key: value.replace("\x00", "") for key, value in query.items()}
    assert editor_client.get(listing(model), query).status_code < 500
