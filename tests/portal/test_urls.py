from urllib.robotparser import RobotFileParser

import pytest

pytestmark = pytest.mark.django_db


def test_root_redirects_to_english(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_django_admin_is_not_public(client):
    for path in ("/django-admin/", "/en/django-admin/", "/en/admin/"):
        assert client.get(path, follow=True).status_code == 404


def test_wagtail_admin_lives_at_admin(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_lets_them_read_the_site(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    robots = RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    assert not robots.can_fetch("*", "/admin/")
    assert not robots.can_fetch("*", "/admin/snippets/")
    for path in ["/en/", "/es/chapter-3/", "/en/agreements/", "/en/agreements/peru-japan-epa/"]:
        assert robots.can_fetch("*", path), path
