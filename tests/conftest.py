import pytest

from portal.foundations.loading import load_portal


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the book's full content, loaded once through the deployment loader and
    rolled back after each test."""
    with django_db_blocker.unblock():
        load_portal()


@pytest.fixture(autouse=True)
def _english(settings):
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
