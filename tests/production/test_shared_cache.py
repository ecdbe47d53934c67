"""The shared cache of several app servers (Redis): a publication on one server is what every server
shows at once; while Redis is down the site answers uncached, and it uses Redis again by itself when
Redis returns. Debian's redis-server is started for the tests (skipped without it, except under CI)."""

import os
import re
import shutil
import time
import urllib.parse

from django.core.cache import caches
from django.test import Client, override_settings

import pytest

from portal.caching.backends import ResilientRedisCache

from .support import RedisServer, child_env, free_port, gunicorn, is_postgres, manage, request

pytestmark = pytest.mark.django_db


def redis_cache(url):
    return {
        "default": {
            "BACKEND": "portal.caching.backends.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "portal",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def redis_server(tmp_path):
    if not shutil.which("redis-server"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("redis-server is not installed (CI=true: the shared-cache tests must run)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def quick_retry(monkeypatch):
    monkeypatch.setattr(ResilientRedisCache, "RETRY_SECONDS", 0.2)


def test_an_unreachable_redis_reads_as_empty_and_drops_writes():
    cache = ResilientRedisCache(f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    assert cache.get("a", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("a", 1) is False and cache.has_key("a") is False
    cache.set("a", 1)
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.incr("counter") == 1
    cache.delete("a")
    # Within the retry delay the cache is not even asked: no connection timeout per call.
    started = time.monotonic()
    for _ in range(50):
        cache.get("a")
    assert time.monotonic() - started < 0.5


PAGES = ["/en/", "/en/chapter-1/", "/en/agreements/?status=in_force", "/en/figures/", "/es/initiatives/"]


def test_the_site_answers_while_redis_is_down_and_uses_it_again_when_it_returns(redis_server, quick_retry, settings):
    page_cache = {**settings.PORTAL_PAGE_CACHE, "SECONDS": 60, "FRAGMENT_SECONDS": 60}
    with override_settings(CACHES=redis_cache(redis_server.url), PORTAL_PAGE_CACHE=page_cache):
        client = Client(raise_request_exception=False)
        for url in PAGES:
            assert client.get(url)["X-Page-Cache"] == "miss", url
            assert client.get(url)["X-Page-Cache"] == "hit", url

        redis_server.stop()
        for url in PAGES:
            response = client.get(url)
            # Rendered afresh, and not stored anywhere.
            assert response.status_code == 200 and response["X-Page-Cache"] == "miss", url
            assert client.get(url)["X-Page-Cache"] == "miss", url

        redis_server.start()  # empty, as a restarted cache is
        time.sleep(0.3)  # the retry delay
        for url in PAGES:
            assert client.get(url)["X-Page-Cache"] == "miss", url
            assert client.get(url)["X-Page-Cache"] == "hit", url
        caches["default"].clear()


def test_the_password_reset_limit_lets_requests_through_while_redis_is_down(redis_server, quick_retry):
    from portal.security.password_resets import within_limit

    with override_settings(CACHES=redis_cache(redis_server.url)):
        redis_server.stop()
        assert all(within_limit("password-reset:address:test", 1) for _ in range(3))


class Session:
    """A browser's cookies and CSRF token against one gunicorn, over plain HTTP behind a 'proxy' that
    says HTTPS."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def headers(self, extra=None):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return {"X-Forwarded-Proto": "https", **({"Cookie": cookie} if cookie else {}), **(extra or {})}

    def get(self, path):
        status, headers, body = request(self.port, path, headers=self.headers())
        self._keep(headers)
        return status, headers, body

    def post(self, path, fields, referer):
        body = urllib.parse.urlencode(fields)
        extra = {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"https://127.0.0.1{referer}"}
        status, headers, answer = request(self.port, path, method="POST", headers=self.headers(extra), body=body)
        self._keep(headers)
        return status, headers, answer

    def _keep(self, headers):
        self.cookies.update(headers["cookies"])

    def csrf_token(self, html):
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()


def anonymous(port, path):
    return request(port, path, headers={"X-Forwarded-Proto": "https"})


@pytest.mark.slow
@pytest.mark.skipif(not is_postgres(), reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
def test_a_publication_on_one_server_is_what_the_other_serves_at_once(
    book_databases, production_static, redis_server, tmp_path
):
    url, _ = book_databases.copy("two-servers")
    env = child_env(
        url, "portal.settings.production", HOME=tmp_path, STATIC_ROOT=production_static, REDIS_URL=redis_server.url
    )
    manage(
        "createsuperuser",
        "--noinput",
        "--username",
        "editor",
        "--email",
        "editor@example.org",
        env={**env, "DJANGO_SUPERUSER_PASSWORD": "a long password 123"},
    )
    pk = manage(
        "shell",
        "-v0",
        "-c",
        "from agreements.models import Agreement; print(Agreement.objects.get(slug='peru-japan-epa').pk)",
        env=env,
    ).stdout.strip()
    watched = {
        "/en/agreements/?status=in_force": b"peru-japan-epa",
        "/en/agreements/peru-japan-epa/": b"Japan",
        "/en/partners/japan/": b"peru-japan-epa",
        "/en/agreements/export.csv?country=JP": b"peru-japan-epa",
        "/en/agreements/feed/": b"peru-japan-epa",
    }
    with gunicorn(env) as first, gunicorn(env) as second:
        for port in (first, second):
            for path, text in watched.items():
                status, _, body = anonymous(port, path)
                assert status == 200 and text in body, (port, path)
        # Cached by the second server (page cache and fragments, in Redis).
        assert anonymous(second, "/en/agreements/?status=in_force")[1]["x-page-cache"] == "hit"

        editor = Session(first)
        _, _, login_page = editor.get("/admin/login/")
        status, headers, _ = editor.post(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": editor.csrf_token(login_page),
                "username": "editor",
                "password": "a long password 123",
                "next": "/admin/",
            },
            referer="/admin/login/",
        )
        assert status == 302 and headers["location"] == "/admin/", "login failed"
        unpublish = f"/admin/snippets/agreements/agreement/unpublish/{pk}/"
        _, _, confirm = editor.get(unpublish)
        status, _, _ = editor.post(unpublish, {"csrfmiddlewaretoken": editor.csrf_token(confirm)}, referer=unpublish)
        assert status == 302, "unpublishing failed"

        # The second server shows it at once: nothing it cached still holds the agreement.
        assert anonymous(second, "/en/agreements/peru-japan-epa/")[0] == 404
        for path in watched:
            if path == "/en/agreements/peru-japan-epa/":
                continue
            status, _, body = anonymous(second, path)
            assert status == 200 and b"peru-japan-epa" not in body, path
