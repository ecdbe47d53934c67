"""While the database is unreachable the public site answers a clear 503 page with Retry-After (except
for what it can serve from its caches), and it recovers by itself when the database comes back."""

import time
from unittest import mock

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, override_settings

import pytest

from portal.security.availability import unavailable_response

from .support import child_env, gunicorn, is_postgres, pg_execute, request

pytestmark = pytest.mark.django_db


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.PORTAL_RETRY_AFTER)
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "temporarily unavailable" in response.content.decode()


def test_the_503_page_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = unavailable_response()
    assert_unavailable(response)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize(
    "url", ["/en/", "/en/chapter-1/", "/en/agreements/", "/en/agreements/export.csv", "/en/search/?q=x"]
)
def test_a_failing_connection_gives_503_then_the_site_recovers(url, error):
    client = Client(raise_request_exception=False)
    with mock.patch.object(connection, "cursor", side_effect=error("server closed the connection unexpectedly")):
        assert_unavailable(client.get(url))
        # Static files do not need the database.
        assert client.get("/static/portal/css/site.css").status_code == 200
    assert client.get(url).status_code == 200


class FailingMiddleware:
    """A middleware that reaches the database (as sessions or redirects do) while it is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("could not connect to server")


def test_a_failure_inside_another_middleware_also_gives_503():
    with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, f"{__name__}.FailingMiddleware"]):
        assert_unavailable(Client(raise_request_exception=False).get("/en/figures/"))


def test_other_errors_stay_500():
    with mock.patch("agreements.views.listing_queryset", side_effect=ValueError("a bug")):
        assert Client(raise_request_exception=False).get("/en/agreements/").status_code == 500


@pytest.mark.slow
@pytest.mark.skipif(not is_postgres(), reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
def test_postgresql_goes_away_and_comes_back(book_databases, production_static, tmp_path):
    """gunicorn with the production settings (persistent, health-checked connections) on a database of
    its own: its connections are terminated and new ones refused, then allowed again."""
    url, name = book_databases.copy("down")
    env = child_env(url, "portal.settings.production", HOME=tmp_path, STATIC_ROOT=production_static)
    proxy = {"X-Forwarded-Proto": "https"}
    try:
        with gunicorn(env) as port:
            assert request(port, "/en/agreements/", headers=proxy)[0] == 200
            pg_execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            pg_execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", name)
            # A page served before is still served from the page cache, which needs no database.
            assert request(port, "/en/agreements/", headers=proxy)[0] == 200
            for path in ("/en/agreements/?status=signed", "/en/", "/en/initiatives/?status=achieved"):
                status, headers, body = request(port, path, headers=proxy)
                assert status == 503, (path, body[:300])
                assert headers["retry-after"] == str(settings.PORTAL_RETRY_AFTER)
                assert b"temporarily unavailable" in body
            pg_execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            deadline = time.monotonic() + 20
            while request(port, "/en/agreements/?status=signed", headers=proxy)[0] != 200:
                assert time.monotonic() < deadline, "the site did not recover"
                time.sleep(0.5)
            assert request(port, "/en/", headers=proxy)[0] == 200
    finally:
        pg_execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


@pytest.mark.parametrize(
    "message",
    ["no such column: title_es", 'column "title_es" does not exist', 'near "SELEC": syntax error'],
)
def test_a_schema_error_is_a_500_with_its_traceback_logged_not_an_outage(message, caplog):
    client = Client(raise_request_exception=False)
    with mock.patch("agreements.views.listing_queryset", side_effect=OperationalError(message)):
        response = client.get("/en/agreements/", HTTP_X_REQUEST_ID="visitor-report-42")
    assert response.status_code == 500 and "Retry-After" not in response
    assert response["X-Request-ID"] == "visitor-report-42"
    logged = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert logged and logged[-1].exc_info and message in str(logged[-1].exc_info[1])
    assert logged[-1].request.path == "/en/agreements/" and logged[-1].request.id == "visitor-report-42"


def test_every_response_carries_a_request_id():
    first, second = Client().get("/en/figures/"), Client().get("/en/figures/")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    # An id a proxy gave the request is kept only when it is a plain token.
    assert Client().get("/en/figures/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"
