from django.contrib.auth.models import Group, User

import pytest

from .support import BookDatabases


@pytest.fixture(scope="session")
def book_databases(tmp_path_factory):
    """Builds the book once in a database of its own; tests take copies of it."""
    databases = BookDatabases(tmp_path_factory.mktemp("production-databases"))
    yield databases
    databases.cleanup()


@pytest.fixture
def make_member(db):
    def make(group_name, username=None):
        username = username or group_name.lower().replace(" ", "-")
        user = User.objects.create_user(username, f"{username}@example.org", "a long password 123")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture(scope="session")
def production_static(tmp_path_factory, book_databases):
    """collectstatic with the production settings (hashed, compressed files), once per session."""
    from .support import child_env, manage

    root = tmp_path_factory.mktemp("production-static")
    url, _name = book_databases.copy("static")
    manage("collectstatic", "--noinput", "-v0", env=child_env(url, "portal.settings.production", STATIC_ROOT=root))
    return root
