"""A record type is declared in one place, its model: search, chapter sections, the admin dashboard,
deletion protection and cache invalidation find it through the app registry. The test settings
install a throw-away type, ``Treaty`` (tests/throwaway/), declared nowhere else."""

from django.test import RequestFactory, override_settings

from wagtail.contrib.frontend_cache.backends import BaseBackend

import pytest

from agreements.models import Partner
from portal.caching.version import content_version
from portal.editorial.dashboard import PortalStatePanel
from portal.editorial.deletion import incoming_links
from portal.foundations.book_links import chapter_record_types
from portal.foundations.records import record_types
from tests.factories import chapter
from tests.throwaway.models import Treaty

pytestmark = pytest.mark.django_db


@pytest.fixture
def treaty():
    record = Treaty(
        slug="kyoto",
        title="Throwaway treaty of Kyoto",
        partner=Partner.objects.get(code="JP"),
        chapter=chapter(3),
        section_anchor="trade-agreements",
        live=False,
    )
    record.save()
    record.save_revision().publish()
    return record


def test_the_registry_lists_every_record_type_in_its_declared_order():
    assert [model._meta.label for model in record_types()] == [
        "agreements.Agreement",
        "agreements.Partner",
        "agreements.Partnership",
        "diplomacy.Area",
        "diplomacy.Initiative",
        "diplomacy.KeyFigure",
        "throwaway.Treaty",
    ]
    # Areas link to a section but do not say how a chapter lists them.
    assert [model.__name__ for model in chapter_record_types()] == [
        "Agreement",
        "Partnership",
        "Initiative",
        "KeyFigure",
        "Treaty",
    ]


def test_search_has_a_group_for_it(client, treaty):
    response = client.get("/en/search/", {"q": "Kyoto"})
    groups = {group["name"]: group for group in response.context["results"]["groups"]}
    assert groups["treaties"]["label"] == "Treaties"
    assert [hit.title for hit in groups["treaties"]["hits"]] == ["Throwaway treaty of Kyoto"]
    assert client.get("/en/search/", {"q": "Kyoto", "type": "treaties"}).context["results"]["total"] == 1


def test_the_section_it_links_to_lists_it(client, treaty):
    body = client.get("/en/chapter-3/").content.decode()
    section = body[body.index('id="economic-diplomacy"') :]
    section = section[: section.index("</section>")]
    assert '<span class="tag">Treaty</span> Throwaway treaty of Kyoto' in section


def test_the_dashboard_counts_it(treaty):
    context = PortalStatePanel().get_context_data({"request": RequestFactory().get("/")})
    rows = {str(row["label"]): row for row in context["rows"]}
    assert (rows["treaties"]["total"], rows["treaties"]["published"]) == (1, 1)


def test_what_it_links_to_is_protected_from_deletion(treaty):
    assert ("Treaties", 1) in incoming_links(treaty.partner)
    assert ("Treaties", 1) in incoming_links(treaty.chapter)


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


def test_publishing_it_drops_every_cache_and_purges_the_cdn(treaty, django_capture_on_commit_callbacks):
    RecordingBackend.purged.clear()
    before = content_version()
    backend = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    with override_settings(WAGTAILFRONTENDCACHE=backend), django_capture_on_commit_callbacks(execute=True):
        treaty.title = "Renamed"
        treaty.save_revision().publish()
    assert content_version() != before
    assert RecordingBackend.purged == ["http://testserver/*"]
