"""A developer's machine: debug pages, a throwaway secret, the local host only."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *ALLOWED_HOSTS]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# WhiteNoise serves the apps' static files straight from their folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Template changes show at once: no page cache unless asked for.
PORTAL_PAGE_CACHE = {  # noqa: F405
    **PORTAL_PAGE_CACHE,  # noqa: F405
    "SECONDS": int(os.environ.get("PAGE_CACHE_SECONDS", "0")),
    "FRAGMENT_SECONDS": int(os.environ.get("FRAGMENT_CACHE_SECONDS", "0")),
}
