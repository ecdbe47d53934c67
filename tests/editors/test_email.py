"""E-mail: SMTP from the environment, review requests and password resets actually sent, resets
rate-limited."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import pytest

from agreements.models import Agreement
from tests.editors.conftest import snippet_form_data, snippet_url

BASE = str(settings.BASE_DIR)

pytestmark = pytest.mark.django_db


def email_settings(**environment):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({n: getattr(s, n) for n in ['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', "
        "'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL']}))"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": "postgres://u:p@db/portal",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
        **environment,
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE, env=env, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_smtp_comes_from_email_url():
    starttls = email_settings(EMAIL_URL="smtp://portal%40idei:s%3Acret@mail.example.org:587")
    assert starttls["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (starttls["EMAIL_HOST"], starttls["EMAIL_PORT"]) == ("mail.example.org", 587)
    assert (starttls["EMAIL_HOST_USER"], starttls["EMAIL_HOST_PASSWORD"]) == ("portal@idei", "s:cret")
    assert starttls["EMAIL_USE_TLS"] and not starttls["EMAIL_USE_SSL"]
    ssl = email_settings(EMAIL_URL="smtps://u:p@mail.example.org")
    assert ssl["EMAIL_PORT"] == 465 and ssl["EMAIL_USE_SSL"] and not ssl["EMAIL_USE_TLS"]


def test_smtp_comes_from_the_usual_variables():
    plain = email_settings(EMAIL_HOST="relay.example.org", EMAIL_PORT="2525", EMAIL_USE_TLS="true")
    assert (plain["EMAIL_HOST"], plain["EMAIL_PORT"], plain["EMAIL_USE_TLS"]) == ("relay.example.org", 2525, True)


def test_a_request_for_review_is_mailed_to_the_moderators(client, editor, moderator):
    agreement = Agreement.objects.get(slug="tisa")
    client.force_login(editor)
    data = snippet_form_data(client, agreement, notes="Checked again", **{"action-submit": "submit"})
    assert client.post(snippet_url(agreement, "edit"), data).status_code == 302
    to_moderator = [message for message in mail.outbox if moderator.email in message.to]
    assert to_moderator and agreement.title in to_moderator[0].subject + to_moderator[0].body


def test_a_password_reset_is_mailed_and_rate_limited(moderator):
    cache.clear()
    url = reverse("wagtailadmin_password_reset")
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert client.post(url, {"email": moderator.email}).status_code == 302
    assert len([m for m in mail.outbox if moderator.email in m.to]) == 3
    refused = client.post(url, {"email": moderator.email})
    assert refused.status_code == 429 and "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == 3
    # From this address, one more request (the fifth) for another account, then none.
    assert client.post(url, {"email": "someone@example.org"}).status_code == 302
    assert client.post(url, {"email": "someone-else@example.org"}).status_code == 429
    # Other addresses are not held back.
    assert Client(REMOTE_ADDR="198.51.100.20").post(url, {"email": "someone-else@example.org"}).status_code == 302
    cache.clear()
