"""Brute force on the admin login: after five failures even the right password is refused for a
while, with a page that says so; other tests keep Django's client.login (axes is off in tests)."""

import datetime

from django.contrib.auth.models import User
from django.test import Client, override_settings

import pytest
from axes.models import AccessAttempt

pytestmark = pytest.mark.django_db

PASSWORD = "the right password 2026"


@pytest.fixture
def moderator(make_member):
    user = make_member("Moderators", "moderator")
    user.set_password(PASSWORD)
    user.save()
    return user


def attempt(client, password, username="moderator"):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


@override_settings(AXES_ENABLED=True)
def test_five_failures_lock_the_account_even_for_the_right_password(moderator):
    client = Client()
    for _ in range(4):
        response = attempt(client, "wrong")
        assert response.status_code == 200  # the form again, with its error
    assert attempt(client, "wrong").status_code == 429
    locked = attempt(client, PASSWORD)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Sign-in locked" in html and "15 minutes" in html and "5 failed attempts" in html
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302

    # Another user name from the same address is not locked out.
    other = User.objects.create_user("editor-2", "e2@example.org", PASSWORD)
    other.is_superuser = True
    other.save()
    assert attempt(Client(), PASSWORD, username="editor-2").status_code == 302

    # After the cool-off the right password works again.
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))
    response = attempt(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


@override_settings(AXES_ENABLED=True)
def test_a_success_resets_the_count(moderator):
    client = Client()
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200


def test_client_login_works_in_other_tests(moderator, client):
    assert client.login(username="moderator", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


@override_settings(AXES_ENABLED=True)
def test_failures_from_one_address_do_not_lock_the_account_elsewhere(moderator):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        attempt(attacker, "wrong")
    assert attempt(attacker, PASSWORD).status_code == 429
    # The moderator, signing in from their own address, is not locked out.
    assert attempt(Client(REMOTE_ADDR="198.51.100.20"), PASSWORD).status_code == 302


@override_settings(AXES_ENABLED=True, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_clients_address_counts_not_the_proxys(moderator):
    # Every request reaches the portal from the proxy, 10.0.0.2, which appends the client's address.
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    for _ in range(5):
        attempt(attacker, "wrong")
    assert attempt(attacker, PASSWORD).status_code == 429
    # Writing another address in front does not help the attacker: the proxy's entry is the last.
    spoofing = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7")
    assert attempt(spoofing, PASSWORD).status_code == 429
    editor = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert attempt(editor, PASSWORD).status_code == 302


@override_settings(AXES_ENABLED=True)
def test_without_trusted_proxies_a_forwarded_address_is_ignored(moderator):
    for spoofed in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"):
        attempt(Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=spoofed), "wrong")
    assert attempt(Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.9"), PASSWORD).status_code == 429
