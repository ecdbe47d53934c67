"""Two-factor authentication for the admin (portal/two_factor.py): off by default; when on, Moderators
(and superusers) must set up an authenticator app and enter its code, others only if they have one.
Every test signs in through Wagtail's own login form."""

from django.contrib.auth.models import User
from django.test import Client

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "a long password 123"  # noqa: S105 - make_member's
SETUP, VERIFY = "/admin/two-factor/", "/admin/two-factor/verify/"


@pytest.fixture
def two_factor(settings):
    settings.ADMIN_2FA_ENABLED = True
    settings.ADMIN_2FA_REQUIRED_GROUPS = ["Moderators"]
    return settings


def sign_in(user, next_url="/admin/"):
    """A client signed in through the admin's login form; the login must succeed."""
    client = Client()
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url, response
    return client


def code_for(device, offset=0):
    """The code an authenticator app would show now (offset: steps away from now)."""
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + offset)
    return f"{token:0{device.digits}d}"


def add_device(user):
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def test_disabled_changes_nothing(make_member):
    moderator = make_member("Moderators", "moderator")
    client = sign_in(moderator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200
    assert client.get(SETUP).status_code != 200
    assert b"Two-factor authentication" not in client.get("/admin/account/").content


def test_disabled_ignores_an_existing_device(make_member):
    moderator = make_member("Moderators", "moderator")
    add_device(moderator)
    assert sign_in(moderator).get("/admin/").status_code == 200


def test_a_moderator_without_a_device_must_set_one_up(two_factor, make_member):
    moderator = make_member("Moderators", "moderator")
    client = sign_in(moderator)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == f"{SETUP}?next=/admin/"
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)

    page = client.get(f"{SETUP}?next=/admin/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "must use two-factor authentication before you can use the admin" in html
    # The QR code is a data: image, which the admin's Content-Security-Policy allows.
    assert 'src="data:image/svg+xml;base64,' in html
    img_src = [d for d in page["Content-Security-Policy"].split(";") if d.strip().startswith("img-src")][0]
    assert "data:" in img_src.split()
    pending = TOTPDevice.objects.get(user=moderator, confirmed=False)
    # Reloading keeps the same key (the app may already have scanned it).
    client.get(SETUP)
    assert TOTPDevice.objects.get(user=moderator, confirmed=False).key == pending.key

    refused = client.post(SETUP, {"otp_token": code_for(pending, offset=5), "next": "/admin/"})
    assert refused.status_code == 200 and "That code is not valid" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()

    pending.refresh_from_db()
    pending.throttle_reset()
    response = client.post(SETUP, {"otp_token": code_for(pending), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(user=moderator, confirmed=True).count() == 1
    assert not TOTPDevice.objects.filter(user=moderator, confirmed=False).exists()
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_a_moderator_with_a_device_enters_a_code(two_factor, make_member):
    moderator = make_member("Moderators", "moderator")
    device = add_device(moderator)
    client = sign_in(moderator)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=/admin/"
    # Not even the setup page (a second device) before the code.
    assert client.get(SETUP)["Location"].startswith(VERIFY)

    form = client.get(f"{VERIFY}?next=/admin/pages/")
    assert form.status_code == 200 and 'name="otp_token"' in form.content.decode()
    response = client.post(VERIFY, {"otp_token": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    # Once verified, the account page lists the setup page, which offers removal.
    assert b"Two-factor authentication" in client.get("/admin/account/").content
    assert "Remove two-factor authentication" in client.get(SETUP).content.decode()


def test_a_wrong_code_is_refused(two_factor, make_member):
    two_factor.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute's wait after a wrong code, however slow the run
    moderator = make_member("Moderators", "moderator")
    device = add_device(moderator)
    client = sign_in(moderator)
    response = client.post(VERIFY, {"otp_token": code_for(device, offset=10), "next": "/admin/"})
    assert response.status_code == 200
    assert "That code is not valid" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    # Straight after a wrong code, even the right one waits (django-otp's throttling).
    response = client.post(VERIFY, {"otp_token": code_for(device), "next": "/admin/"})
    assert response.status_code == 200 and "Too many wrong codes" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_a_foreign_next_url_is_ignored(two_factor, make_member):
    moderator = make_member("Moderators", "moderator")
    device = add_device(moderator)
    client = sign_in(moderator)
    response = client.post(VERIFY, {"otp_token": code_for(device), "next": "https://elsewhere.example/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_an_editor_without_a_device_is_not_asked(two_factor, make_member):
    editor = make_member("Editors", "editor")
    client = sign_in(editor)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200
    # They may set one up if they wish.
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "must use two-factor authentication" not in page.content.decode()
    assert b"Two-factor authentication" in client.get("/admin/account/").content


def test_an_editor_with_a_device_enters_a_code(two_factor, make_member):
    editor = make_member("Editors", "editor")
    device = add_device(editor)
    client = sign_in(editor)
    assert client.get("/admin/")["Location"] == f"{VERIFY}?next=/admin/"
    client.post(VERIFY, {"otp_token": code_for(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_required_groups_come_from_the_setting(two_factor, make_member):
    two_factor.ADMIN_2FA_REQUIRED_GROUPS = ["Editors", "Moderators"]
    client = sign_in(make_member("Editors", "editor"))
    assert client.get("/admin/")["Location"] == f"{SETUP}?next=/admin/"


def test_superusers_must_set_one_up(two_factor):
    admin = User.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    client = sign_in(admin)
    assert client.get("/admin/")["Location"] == f"{SETUP}?next=/admin/"


def test_public_pages_are_unaffected(two_factor, make_member):
    moderator = make_member("Moderators", "moderator")
    add_device(moderator)
    client = sign_in(moderator)
    assert client.get("/en/").status_code == 200
    assert Client().get("/en/").status_code == 200
    # An unknown URL is still an ordinary 404 (or the language redirect), not an error.
    assert client.get("/no-such-page/").status_code in (302, 404)
    # The admin's own login page stays reachable to anonymous visitors.
    assert Client().get("/admin/login/").status_code == 200
