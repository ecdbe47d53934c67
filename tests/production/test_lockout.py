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
