"""`make demo`: its settings (DEBUG off, the demo's host allowed) and the administrator's sign-in,
printed last and set apart."""

import json
import os
import subprocess
import sys
from io import StringIO

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

import pytest

from portal.management.commands import demo_admin

BASE = str(settings.BASE_DIR)
READ = (
    "import json, portal.settings.demo as s; "
    "print(json.dumps([s.DEBUG, s.ALLOWED_HOSTS, s.WAGTAILADMIN_BASE_URL, s.WHITENOISE_USE_FINDERS]))"
)


def demo_settings(**env):
    result = subprocess.run(
        [sys.executable, "-c", READ],
        cwd=BASE,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_demo_runs_with_debug_off_and_serves_its_static_files_itself():
    debug, hosts, admin_url, finders = demo_settings()
    assert debug is False
    assert finders is True, "WhiteNoise serves the apps' static files without collectstatic"
    assert "127.0.0.1" in hosts and "localhost" in hosts
    assert admin_url == "http://127.0.0.1:8000"


def test_the_demo_allows_the_host_it_listens_on():
    _debug, hosts, admin_url, _finders = demo_settings(DEMO_HOST="demo.example.org", DEMO_PORT="8080")
    assert "demo.example.org" in hosts and "*" not in hosts
    assert admin_url == "http://demo.example.org:8080"
    _debug, hosts, admin_url, _finders = demo_settings(DEMO_HOST="0.0.0.0", DEMO_PORT="8080")  # noqa: S104
    assert hosts == ["*"], "listening on every interface, it is reached by any of the machine's names"
    assert admin_url == "http://127.0.0.1:8080"


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / ".demo-admin-password"
    monkeypatch.setattr(demo_admin, "PASSWORD_FILE", path)
    return path


@pytest.mark.django_db
def test_demo_admin_refuses_outside_the_demo(password_file):
    assert not settings.DEBUG
    with pytest.raises(CommandError, match="local demo only"):
        call_command("demo_admin")
    assert not password_file.exists()


@pytest.mark.django_db
def test_demo_admin_prints_the_sign_in_last_set_apart(settings, password_file):
    settings.PORTAL_DEMO = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    output = StringIO()
    call_command("demo_admin", stdout=output, no_color=True)
    lines = output.getvalue().splitlines()
    password = password_file.read_text().strip()
    rules = [i for i, line in enumerate(lines) if set(line) == {"="}]
    assert len(rules) == 2
    assert lines[: rules[0]] == ["", ""], "blank lines before the block"
    block = "\n".join(lines[rules[0] : rules[1]])
    assert "Admin:     http://127.0.0.1:8000/admin/" in block
    assert "User:      admin" in block
    assert f"Password:  {password}" in block
    assert all(not line.strip() for line in lines[rules[1] + 1 :]), "nothing after the block"
    assert authenticate(username="admin", password=password) is not None

    again = StringIO()
    call_command("demo_admin", stdout=again, no_color=True)
    assert f"Password:  {password}" in again.getvalue(), "the next demo keeps the same password"
