"""Every kind of response carries the security headers: pages, listings, exports, the admin login,
static files (WhiteNoise), image renditions, documents, and the 404, 500 and 503 pages. Checked in
process with production's HSTS settings, then on gunicorn with the production settings themselves."""

import io
import re
from unittest import mock

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.utils import generate_signature

import pytest
from PIL import Image as PILImage

from .support import child_env, gunicorn, manage, request

pytestmark = pytest.mark.django_db

HSTS = {"SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SECURE_HSTS_PRELOAD": True}
HSTS_VALUE = "max-age=31536000; includeSubDomains; preload"

PUBLIC = "public"  # the site's policy: nothing inline, nothing from elsewhere, no framing
ADMIN = "admin"  # Wagtail's admin: the laxer PORTAL_ADMIN_CSP
LOCKED = "locked"  # files: default-src 'none'


def check_headers(headers, kind, where):
    """headers: a case-insensitive mapping (a response, or a dict with lower-case names)."""
    assert headers.get("strict-transport-security") == HSTS_VALUE, where
    assert headers.get("x-content-type-options") == "nosniff", where
    assert headers.get("x-frame-options") == "DENY", where
    assert headers.get("referrer-policy") == "same-origin", where
    csp = headers.get("content-security-policy") or ""
    assert csp, f"{where}: no Content-Security-Policy"
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if " " in part.strip())
    if kind == PUBLIC:
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, where
        assert directives["default-src"] == "'self'", where
        assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'", where
        assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'", where
    elif kind == ADMIN:
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'", where
        assert directives["frame-ancestors"] == "'self'", where
    else:
        assert directives["default-src"] == "'none'", where


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (140, 28, 19)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def files():
    image = Image.objects.create(title="A map", file=ImageFile(io.BytesIO(png_bytes()), name="map.png"))
    signature = generate_signature(image.id, "fill-20x20")
    image_url = reverse("wagtailimages_serve", args=(signature, image.id, "fill-20x20"))
    # A document whose content would run a script if a browser rendered it inline.
    document = Document.objects.create(
        title="Notes", file=ContentFile(b"<html><script>alert(1)</script></html>", name="notes.txt")
    )
    return {"image": image_url, "document": document.url}


@pytest.fixture
def secure_client():
    with override_settings(**HSTS):
        # A new client loads the middleware (SecurityMiddleware reads HSTS settings when created).
        yield Client(raise_request_exception=False)


PUBLIC_URLS = [
    "/en/",
    "/en/chapter-1/",
    "/es/",
    "/en/authors/",
    "/en/agreements/",
    "/en/agreements/?status=in_force&sort=title",
    "/en/agreements/timeline/",
    "/en/partnerships/",
    "/en/initiatives/",
    "/en/diplomacy/health/",
    "/en/figures/",
    "/en/search/?q=trade",
]


def test_pages_and_listings(secure_client):
    from agreements.models import Agreement
    from diplomacy.models import Initiative

    details = [
        Agreement.objects.live().first().get_absolute_url(),
        Initiative.objects.live().first().get_absolute_url(),
    ]
    for url in PUBLIC_URLS + details:
        response = secure_client.get(url, secure=True)
        assert response.status_code == 200, url
        check_headers(response, PUBLIC, url)


def test_public_html_has_nothing_inline(client):
    """What lets the public policy forbid 'unsafe-inline': no inline script, style or handler."""
    for url in PUBLIC_URLS + ["/en/no-such-page/"]:
        html = client.get(url).content.decode()
        # Data blocks (schema.org JSON-LD) are not scripts a browser runs, so CSP does not govern them.
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", html), url
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=|javascript:", html, re.IGNORECASE), url


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_exports(secure_client, fmt):
    response = secure_client.get(f"/en/agreements/export.{fmt}?status=in_force", secure=True)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    check_headers(response, LOCKED, fmt)


def test_admin_login(secure_client):
    response = secure_client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    check_headers(response, ADMIN, "admin login")


def test_static_files_come_from_whitenoise_with_the_headers(secure_client):
    css = secure_client.get("/static/portal/css/site.css", secure=True)
    assert css.status_code == 200 and css.__class__.__name__ == "WhiteNoiseFileResponse"
    check_headers(css, LOCKED, "static css")
    svg = secure_client.get("/static/portal/favicon.svg", secure=True)
    assert svg.status_code == 200 and svg["Content-Type"].startswith("image/svg+xml")
    check_headers(svg, LOCKED, "static svg")
    assert svg["Content-Security-Policy"].startswith("default-src 'none'")


def test_image_rendition(secure_client, files):
    response = secure_client.get(files["image"], secure=True)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    check_headers(response, LOCKED, "image rendition")
    forged = secure_client.get(files["image"].replace("fill-20x20", "fill-2000x2000"), secure=True)
    assert forged.status_code == 403


def test_documents_download_as_attachments(secure_client, files):
    response = secure_client.get(files["document"], secure=True)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    check_headers(response, LOCKED, "document")


def test_error_pages(secure_client):
    missing = secure_client.get("/en/no-such-page/", secure=True)
    assert missing.status_code == 404
    check_headers(missing, PUBLIC, "404")

    with mock.patch("agreements.views.listing_queryset", side_effect=RuntimeError("boom")):
        broken = secure_client.get("/en/agreements/", secure=True)
    assert broken.status_code == 500
    check_headers(broken, PUBLIC, "500")
    html = broken.content.decode()
    assert "style=" not in html and "portal/css/error.css" in html

    with mock.patch(
        "agreements.views.listing_queryset",
        side_effect=OperationalError("could not connect to server: Connection refused"),
    ):
        down = secure_client.get("/en/agreements/", secure=True)
    assert down.status_code == 503
    check_headers(down, PUBLIC, "503")


def test_production_server_sends_the_headers(book_databases, production_static, tmp_path):
    """The production settings on gunicorn: hashed, compressed static files from WhiteNoise, and the
    same headers on every kind of response (the proxy says the request came over HTTPS)."""
    url, _name = book_databases.copy("headers")
    env = child_env(
        url,
        "portal.settings.production",
        HOME=tmp_path,
        STATIC_ROOT=production_static,
        MEDIA_ROOT=tmp_path / "media",
    )
    script = (
        "import io; from PIL import Image as P; from django.core.files.base import ContentFile;"
        "from django.urls import reverse; from wagtail.documents.models import Document;"
        "from wagtail.images.models import Image; from wagtail.images.utils import generate_signature;"
        "b = io.BytesIO(); P.new('RGB', (8, 8)).save(b, 'PNG');"
        "i = Image.objects.create(title='i', file=ContentFile(b.getvalue(), name='i.png'));"
        "d = Document.objects.create(title='d', file=ContentFile(b'x', name='d.txt'));"
        "print(reverse('wagtailimages_serve', args=(generate_signature(i.id, 'width-4'), i.id, 'width-4')));"
        "print(d.url)"
    )
    image_url, document_url = manage("shell", "-v0", "-c", script, env=env).stdout.split()
    proxy = {"X-Forwarded-Proto": "https"}
    with gunicorn(env) as port:
        status, headers, body = request(port, "/en/", headers=proxy)
        assert status == 200
        check_headers(headers, PUBLIC, "home")
        css = re.search(rb'href="(/static/portal/css/site\.[0-9a-f]{12}\.css)"', body).group(1).decode()
        for path, kind in [
            ("/en/chapter-2/", PUBLIC),
            ("/en/agreements/?kind=free_trade", PUBLIC),
            ("/en/agreements/export.xlsx", LOCKED),
            ("/en/initiatives/", PUBLIC),
            ("/admin/login/", ADMIN),
            (css, LOCKED),
            ("/static/portal/favicon.svg", LOCKED),
            (image_url, LOCKED),
            (document_url, LOCKED),
        ]:
            status, headers, _body = request(port, path, headers=proxy)
            assert status == 200, path
            check_headers(headers, kind, path)
        status, headers, _body = request(port, css, headers={**proxy, "Accept-Encoding": "gzip"})
        assert headers.get("content-encoding") == "gzip" and "immutable" in headers["cache-control"]
        status, headers, _body = request(port, "/en/nowhere/", headers=proxy)
        assert status == 404
        check_headers(headers, PUBLIC, "404")
        # Without the proxy's word, plain HTTP is redirected to HTTPS.
        status, headers, _body = request(port, "/en/")
        assert status == 301 and headers["location"].startswith("https://")
