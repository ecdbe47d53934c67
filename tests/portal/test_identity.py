"""One name for the portal (portal/foundations/identity.py): the header, every page's <title> and
the admin's branding, in the reader's language."""

from django.conf import settings
from django.utils import translation

import pytest

from portal.foundations.identity import PORTAL_NAME

pytestmark = pytest.mark.django_db

SPANISH_NAME = "La política exterior peruana en el siglo XXI"


def test_the_admin_is_named_after_the_portal():
    assert settings.WAGTAIL_SITE_NAME is PORTAL_NAME


@pytest.mark.parametrize(("language", "name"), [("en", str(PORTAL_NAME)), ("es", SPANISH_NAME)])
def test_the_header_and_the_title_carry_the_portals_name(client, language, name):
    page = client.get(f"/{language}/agreements/").content.decode()
    assert f'<a class="site-title" href="/{language}/">{name}</a>' in page
    assert f" · {name}</title>" in page


def test_the_admins_sign_in_page_is_titled_with_the_portals_name(client):
    page = client.get("/admin/login/").content.decode()
    assert f"- {PORTAL_NAME}</title>" in page
    assert f"Sign in to {PORTAL_NAME}" in page
    with translation.override("es"):
        assert str(PORTAL_NAME) == SPANISH_NAME
