"""The partners map is built once per content version and language, and a publication changes it at
once, in the CDN too (test_fragment_cache.py compares the indexes built from fragments with the
pages rendered in full)."""

from fnmatch import fnmatch

from django.test import override_settings

import pytest

from agreements.models import Agreement, Partner, Partnership
from tests.production.test_cache import RecordingBackend
from tests.production.test_fragment_cache import fragments  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def test_the_map_follows_a_publication_at_once_in_each_language(fragments):  # noqa: F811
    assert 'data-code="GT"' in fragments.get("/en/partners/").content.decode()
    assert 'data-code="GT"' in fragments.get("/es/partners/").content.decode()
    agreement = Agreement.objects.get(parties__code="GT")
    agreement.unpublish()
    for url in ("/en/partners/", "/es/partners/"):
        page = fragments.get(url).content.decode()
        assert 'data-code="GT"' not in page, url
        assert "/partners/guatemala/" in page, "the table still lists Guatemala"


@pytest.mark.parametrize("record", ["partner", "agreement", "partnership"])
def test_publishing_what_the_indexes_show_purges_them_from_the_cdn(record, django_capture_on_commit_callbacks):
    RecordingBackend.purged.clear()
    backend = {"test": {"BACKEND": "tests.production.test_cache.RecordingBackend"}}
    changed = {
        "partner": lambda: Partner.objects.get(code="JP"),
        "agreement": lambda: Agreement.objects.get(slug="tisa"),
        "partnership": lambda: Partnership.objects.first(),
    }[record]()
    with override_settings(WAGTAILFRONTENDCACHE=backend), django_capture_on_commit_callbacks(execute=True):
        changed.save_revision().publish()
    for path in ("/en/partners/", "/es/partners/?sort=region", "/en/diplomacy/", "/es/diplomacy/"):
        assert any(fnmatch(f"http://testserver{path}", purged) for purged in RecordingBackend.purged), path
