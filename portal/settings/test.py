"""The test suite: fast hashing, in-memory e-mail, the same database choice as base."""

import os
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret"  # noqa: S105 - the test suite only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".test-media"))  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# WhiteNoise finds files in the apps' folders at each request (no collectstatic, no scan per client).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests change rows without the signals that clear the page cache: they turn it on where they test it.
PORTAL_PAGE_CACHE = {**PORTAL_PAGE_CACHE, "SECONDS": 0, "FRAGMENT_SECONDS": 0}  # noqa: F405
# django-axes refuses Django's client.login() (it needs a request); the lockout test turns it on.
AXES_ENABLED = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The test database is named after the configured one (portal_x -> portal_x_test), so a test
    # run only ever creates databases that share the configured database's prefix.
    DATABASES["default"]["TEST"] = {"NAME": f"{DATABASES['default']['NAME']}_test"}  # noqa: F405
# A record type that exists only in the tests: declaring it is all the cross-cutting features need
# (tests/portal/test_record_types.py).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.throwaway"]  # noqa: F405
