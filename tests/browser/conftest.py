"""Real Chromium against a real server: the portal runs as a subprocess (dev settings, its own SQLite
file, the whole book loaded), once per test session; the browser may reach nothing but 127.0.0.1.

Without /usr/bin/chromium the tests skip, saying why; under CI (CI=true) they fail instead."""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.production.support import free_port, manage, stop

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1280, "height": 800}
PASSWORD = "browser-test-password-2026"
USERS = {"editor": "Editors", "moderator": "Moderators", "kas-editor": "KAS editors"}

# Run inside the server's database before the tests: the people, and the ids the tests need.
SETUP = f"""
import json
from django.contrib.auth.models import Group, User
from agreements.models import Agreement, Partner
from diplomacy.models import Initiative
from portal.book.models import ChapterPage
for username, group in {USERS!r}.items():
    user, _ = User.objects.get_or_create(username=username, defaults={{"email": username + "@example.org"}})
    user.set_password({PASSWORD!r})
    user.save()
    user.groups.add(Group.objects.get(name=group))
agreement = lambda slug: Agreement.objects.get(slug=slug).pk
chapter = lambda slug: ChapterPage.objects.get(slug=slug, locale__language_code="en").pk
print(json.dumps({{
    "agreements": {{slug: agreement(slug) for slug in ("peru-brazil-deepening", "peru-india-fta", "tisa", "peru-guatemala-fta")}},
    "chapters": {{slug: chapter(slug) for slug in ("chapter-1", "chapter-2", "chapter-3")}},
    "partner": Partner.objects.get(code="JP").slug,
    "initiative": Initiative.objects.filter(live=True).order_by("book_order").first().slug,
}}))
"""


def need(condition, reason):
    """Skip when something the browser tests need is missing; fail instead under CI."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run)")
    pytest.skip(reason)


@dataclass
class Server:
    url: str
    data: dict
    log: Path

    def admin(self, path=""):
        return f"{self.url}/admin/{path}"


def wait_until_up(url, process, log, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"The portal did not start at {url}:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory):
    need(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    folder = tmp_path_factory.mktemp("portal-server")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'portal.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    manage("migrate", "--noinput", env=env)
    manage("load_portal", env=env)
    data = json.loads(manage("shell", "-c", SETUP, env=env).stdout.strip().splitlines()[-1])
    log = folder / "server.log"
    with serving(env, free_port(), log) as url:
        yield Server(url=url, data=data, log=log)


@contextlib.contextmanager
def serving(env, port, log):
    """manage.py runserver with ``env`` on ``port``, its output in ``log``; yields its address once it
    answers, and stops it afterwards."""
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/en/", process, log)
        yield url
    finally:
        stop(process, timeout=10)


@pytest.fixture(scope="package")
def browser(portal_server, tmp_path_factory):
    """One Chromium for the browser tests. Package-scoped: Playwright's event loop must be gone
    before the next package's tests use Django's database in this process."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "Playwright for Python is not installed (pip install -r requirements-dev.txt)")
    profile = tmp_path_factory.mktemp("chromium-home")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            env={
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": str(profile),
                "XDG_CONFIG_HOME": str(profile / "config"),
                "XDG_CACHE_HOME": str(profile / "cache"),
            },
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


def only_local(route):
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def new_page(browser, portal_server):
    """new_page() -> a page in a fresh context (its own cookies): one per person in a test.
    ``bypass_csp`` lets a test inject its own script (axe-core) despite the site's CSP; ``viewport``,
    ``javascript`` and ``base_url`` (another server's) change the browser the page is in."""
    contexts = []

    def make(bypass_csp=False, viewport=VIEWPORT, javascript=True, base_url=None):
        context = browser.new_context(
            viewport=viewport,
            base_url=base_url or portal_server.url,
            accept_downloads=True,
            bypass_csp=bypass_csp,
            java_script_enabled=javascript,
        )
        context.route("**/*", only_local)
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # "leave this page?" after an edit
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def log_in(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def fill_date(page, selector, value):
    """Types a date as an editor does, then closes the field's date picker (it opens on focus, a
    moment later, and would cover the footer's buttons) as a click elsewhere on the page does: the
    picker closes on a mousedown on the page's body."""
    page.fill(selector, value)
    pickers = page.locator(".xdsoft_datetimepicker").filter(visible=True)
    for _attempt in range(10):
        page.evaluate("document.body.dispatchEvent(new MouseEvent('mousedown', {bubbles: true}))")
        page.wait_for_timeout(200)
        if pickers.count() == 0:
            return
    raise AssertionError("the date picker stays open")


def screenshots_wanted():
    return os.environ.get("SCREENSHOTS") == "1"


def screenshot(page, name):
    """docs/img/<name>.png, when SCREENSHOTS=1: the viewport only, to keep each image small."""
    if not screenshots_wanted():
        return
    from PIL import Image

    folder = BASE_DIR / "docs" / "img"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    # 256 colours are plenty for the admin's flat colours, at a third of the size.
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256)
    small.save(path, optimize=True)


AXE_VERSION = "4.14.1"
TOOLS = BASE_DIR / ".tools"


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's axe.min.js from .tools/ (installed there by `make tools`, or here with npm)."""
    script = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists() and shutil.which("npm"):
        TOOLS.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "i", "--no-audit", "--no-fund", "--silent", "-E", f"axe-core@{AXE_VERSION}"],
            cwd=TOOLS,
            capture_output=True,
            timeout=300,
            check=False,
        )
    need(script.exists(), f"axe-core is not installed in {TOOLS} (make tools, which needs npm)")
    return script.read_text()
