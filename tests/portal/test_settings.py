import os
import subprocess
import sys

from django.conf import settings

BASE = str(settings.BASE_DIR)


def _import_production(env):
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings.production"],
        cwd=BASE,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_its_environment():
    result = _import_production({})
    assert result.returncode != 0
    assert "DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS" in result.stderr


def test_production_names_only_what_is_missing():
    result = _import_production({"DATABASE_URL": "postgres://u:p@localhost/db", "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "need these environment variables: ALLOWED_HOSTS." in result.stderr


def test_production_starts_with_its_environment():
    env = {"DATABASE_URL": "postgres://u:p@localhost/db", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}
    assert _import_production(env).returncode == 0


def _engine(env):
    code = "import portal.settings.dev as s; print(s.DATABASES['default']['ENGINE'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_sqlite_is_the_default_database_and_database_url_chooses_another():
    assert _engine({}) == "django.db.backends.sqlite3"
    assert _engine({"DATABASE_URL": "postgres://u:p@localhost/db"}) == "django.db.backends.postgresql"
