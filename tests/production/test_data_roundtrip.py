"""The same content, however it got into the database: migrations plus the fixture loader (run once or
twice), a dumpdata -> loaddata round trip into a fresh database, and this test run's own database all
hold the same number of rows in every table."""

import pytest

from .support import child_env, database_fingerprint, fingerprint, manage

# Rows that belong to one machine or one moment, not to the content.
MACHINE_TABLES = {"sessions.Session", "axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"}
DUMP_EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes", "wagtailsearch.indexentry"]
# Page log entries may name deleted pages (the loader removes Wagtail's welcome page), which dumpdata
# cannot write with natural keys: the dump leaves them out (backup_portal keeps them).
PAGE_LOG = {"wagtailcore.PageLogEntry"}


# The search index: derived data. The suite loads the book with load_portal() without the command's
# final update_index, so it may differ there by the odd entry (the root page).
SEARCH_INDEX = {"wagtailsearch.IndexEntry", "wagtailsearch.SQLiteFTSIndexEntry"}


def content(counts, without=()):
    return {label: rows for label, rows in counts.items() if label not in MACHINE_TABLES and label not in without}


@pytest.mark.slow
@pytest.mark.django_db
def test_loader_round_trip_and_migrations_agree(book_databases, tmp_path):
    url, _ = book_databases.copy("loaded")
    env = child_env(url, HOME=tmp_path)
    loaded = content(database_fingerprint(env, counts_only=True))
    assert loaded["agreements.Agreement"] > 0 and loaded["wagtailcore.Revision"] > 0

    # This test run's database: the same migrations and the same loader, in process.
    assert content(fingerprint(counts_only=True), SEARCH_INDEX) == content(loaded, SEARCH_INDEX)

    # The loader is safe to repeat: nothing is added.
    manage("load_portal", env=env)
    assert content(database_fingerprint(env, counts_only=True)) == loaded

    dump = tmp_path / "content.json"
    manage(
        "dumpdata",
        "--natural-foreign",
        *[f"--exclude={name}" for name in [*DUMP_EXCLUDE, "wagtailcore.pagelogentry"]],
        "--output",
        str(dump),
        env=env,
    )
    fresh_url, _ = book_databases.empty("roundtrip")
    fresh = child_env(fresh_url, HOME=tmp_path)
    manage("migrate", "--noinput", "-v0", env=fresh)
    manage("flush", "--noinput", "-v0", env=fresh)  # drop what migrations created; the dump brings it back
    manage("loaddata", str(dump), "-v0", env=fresh)
    derived = PAGE_LOG | SEARCH_INDEX  # the search index is rebuilt with update_index after a load
    assert content(database_fingerprint(fresh, counts_only=True), derived) == content(loaded, derived)
