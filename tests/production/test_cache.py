"""The page cache: anonymous public GETs only, cleared by any publication, unpublication or deletion;
the CDN purge; and the scaling settings read from the environment."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.core.cache import caches
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.test import Client, override_settings

from wagtail.contrib.frontend_cache.backends import BaseBackend

import pytest
from csp.middleware import CSPMiddleware

from agreements.models import Agreement
from portal.book.models import Author
from tests.factories import chapter, make_agreement

from .support import BASE, is_postgres

pytestmark = pytest.mark.django_db

CACHED = {**settings.PORTAL_PAGE_CACHE, "SECONDS": 60}


@pytest.fixture
def page_cache():
    caches["default"].clear()
    with override_settings(PORTAL_PAGE_CACHE=CACHED):
        yield Client()
    caches["default"].clear()


def state(client, url, **kwargs):
    response = client.get(url, **kwargs)
    return response.get("X-Page-Cache"), response


def test_anonymous_pages_are_cached(page_cache, django_assert_num_queries):
    for url in [
        "/en/",
        "/en/chapter-1/",
        "/en/agreements/?status=in_force",
        "/en/agreements/export.xlsx",
        "/en/figures/",
        "/en/data/",
        "/en/data/datapackage.json",
    ]:
        first, miss = state(page_cache, url)
        assert first == "miss", url
        with django_assert_num_queries(0):
            second, hit = state(page_cache, url)
        assert second == "hit", url
        assert hit.content == miss.content and hit["Content-Type"] == miss["Content-Type"]


def test_a_hit_sends_the_pages_headers_without_the_work_below_the_page_cache(page_cache, monkeypatch):
    """A hit costs what a static file costs: the CSP and X-Frame-Options were stored with the page, so
    the middleware that builds them (and the session, locale and auth below) never runs."""
    _first, miss = state(page_cache, "/en/agreements/")
    assert "default-src 'self'" in miss["Content-Security-Policy"]

    def must_not_run(*args, **kwargs):
        raise AssertionError("a page-cache hit built a header")

    monkeypatch.setattr(CSPMiddleware, "process_response", must_not_run)
    monkeypatch.setattr(XFrameOptionsMiddleware, "process_response", must_not_run)
    with override_settings(SESSION_ENGINE="no.such.engine"):
        status, hit = state(page_cache, "/en/agreements/")
    assert status == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type", "Cache-Control", "Content-Language"):
        assert hit.get(header) == miss.get(header), header


def test_what_is_never_cached(page_cache, make_member):
    assert state(page_cache, "/en/no-such-page/")[0] is None
    # Streamed files (CSV and JSON exports) are made afresh, row by row.
    assert state(page_cache, "/en/agreements/export.csv")[0] is None
    assert state(page_cache, "/en/agreements/export.json")[0] is None
    assert state(page_cache, "/admin/login/")[0] is None
    assert page_cache.post("/en/agreements/").get("X-Page-Cache") is None
    state(page_cache, "/en/figures/")
    # A session or CSRF cookie (an editor, logged in or not long ago) bypasses the cache both ways.
    for cookie in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
        client = Client()
        client.cookies[cookie] = "x"
        assert state(client, "/en/figures/")[0] is None
    editor = Client()
    editor.force_login(make_member("Moderators"))
    assert state(editor, "/en/figures/")[0] is None
    agreement = Agreement.objects.order_by("pk").first()
    preview = f"/admin/snippets/agreements/agreement/preview/{agreement.pk}/"
    assert state(editor, preview)[0] is None


def test_publishing_unpublishing_and_deleting_clear_the_cache(page_cache):
    url = "/en/agreements/?q=Cachetest"
    assert state(page_cache, url)[0] == "miss"
    assert state(page_cache, url)[0] == "hit"
    agreement = make_agreement(title="Cachetest agreement")  # published
    status, response = state(page_cache, url)
    assert status == "miss" and "Cachetest agreement" in response.content.decode()
    assert state(page_cache, url)[0] == "hit"

    agreement.unpublish()
    status, response = state(page_cache, url)
    assert status == "miss" and "Cachetest agreement" not in response.content.decode()

    state(page_cache, url)
    agreement.delete()
    assert state(page_cache, url)[0] == "miss"

    page = chapter(1)
    state(page_cache, "/en/chapter-1/")
    page.title = "A new title for chapter one"
    page.save_revision().publish()
    status, response = state(page_cache, "/en/chapter-1/")
    assert status == "miss" and "A new title for chapter one" in response.content.decode()
    page.unpublish()
    assert page_cache.get("/en/chapter-1/").status_code == 404


def test_a_cdn_may_keep_cached_pages_and_serve_them_stale_while_it_refreshes(page_cache):
    with override_settings(PORTAL_PAGE_CACHE={**CACHED, "CDN_SECONDS": 120, "CDN_STALE_SECONDS": 30}):
        miss = Client().get("/en/initiatives/")
        hit = Client().get("/en/initiatives/")
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "s-maxage=120", "stale-while-revalidate=30"} <= directives


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.mark.parametrize("change", ["publish a record", "delete a record", "publish a chapter", "save an author"])
def test_a_change_visitors_see_purges_every_page_from_the_cdn(change, django_capture_on_commit_callbacks):
    # Any page may show any record (a chapter lists records, a partner's page its agreements), so the
    # purge covers the whole site.
    RecordingBackend.purged.clear()
    backend = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    with override_settings(WAGTAILFRONTENDCACHE=backend), django_capture_on_commit_callbacks(execute=True):
        if change == "publish a record":
            make_agreement(title="Purged agreement", slug="purged-agreement")
        elif change == "delete a record":
            Agreement.objects.get(slug="tisa").delete()
        elif change == "publish a chapter":
            chapter(1).save_revision().publish()
        else:
            author = Author.objects.first()
            author.save()
    assert "http://testserver/*" in RecordingBackend.purged


def test_a_draft_saved_by_an_editor_purges_nothing(django_capture_on_commit_callbacks):
    RecordingBackend.purged.clear()
    backend = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    agreement = Agreement.objects.get(slug="tisa")
    with override_settings(WAGTAILFRONTENDCACHE=backend), django_capture_on_commit_callbacks(execute=True):
        agreement.title = "A draft title"
        agreement.save_revision()
    assert RecordingBackend.purged == []


def settings_in(env, *names):
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE,
        env={"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "portal.settings.production", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


PRODUCTION = {
    "DATABASE_URL": "postgres://u:p@db.internal/portal",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "example.org",
}


def test_scaling_settings_come_from_the_environment():
    plain = settings_in(PRODUCTION, "CACHES", "STORAGES", "WAGTAILFRONTENDCACHE", "INSTALLED_APPS", "DATABASES")
    assert plain["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert plain["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert plain["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert plain["WAGTAILFRONTENDCACHE"] == {}
    assert plain["DATABASES"]["default"]["CONN_MAX_AGE"] == 60 and plain["DATABASES"]["default"]["CONN_HEALTH_CHECKS"]

    scaled = settings_in(
        {
            **PRODUCTION,
            "REDIS_URL": "redis://cache.internal:6379/1",
            "AWS_STORAGE_BUCKET_NAME": "portal-media",
            "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
            "CLOUDFLARE_API_TOKEN": "token",
            "CLOUDFLARE_ZONE_ID": "zone",
            "FRONTEND_CACHE_URL": "http://varnish.internal:6081",
        },
        "CACHES",
        "STORAGES",
        "MEDIA_URL",
        "WAGTAILFRONTENDCACHE",
        "INSTALLED_APPS",
        "CONTENT_SECURITY_POLICY",
    )
    assert scaled["CACHES"]["default"] == {
        "BACKEND": "portal.caching.backends.ResilientRedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
        "KEY_PREFIX": "portal",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    assert scaled["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert scaled["STORAGES"]["default"]["OPTIONS"]["bucket_name"] == "portal-media"
    assert scaled["MEDIA_URL"] == "https://media.example.org/media/"
    assert "https://media.example.org" in scaled["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert set(scaled["WAGTAILFRONTENDCACHE"]) == {"proxy", "cloudflare"}
    assert "wagtail.contrib.frontend_cache" in scaled["INSTALLED_APPS"]


def test_web_requests_have_a_statement_timeout_and_other_commands_do_not():
    web = settings_in({**PRODUCTION, "PORTAL_PROCESS": "web"}, "DATABASES")["DATABASES"]["default"]
    assert "statement_timeout=10000" in web["OPTIONS"]["options"]
    command = settings_in(PRODUCTION, "DATABASES")["DATABASES"]["default"]
    assert "options" not in command.get("OPTIONS", {})


@pytest.mark.skipif(not is_postgres(), reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
def test_postgresql_cancels_a_web_requests_statement_that_runs_too_long():
    code = (
        "import django; django.setup(); from django.db import connection\n"
        "try:\n"
        "    connection.cursor().execute('SELECT pg_sleep(3)')\n"
        "    print('finished')\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error)\n"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
        "PORTAL_PROCESS": "web",
        "DB_STATEMENT_TIMEOUT_MS": "300",
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE, env=env, capture_output=True, text=True, check=True)
    assert "statement timeout" in result.stdout, result.stdout + result.stderr
