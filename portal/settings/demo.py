"""`make demo`: the portal as a visitor meets it in production (DEBUG off, so a mistyped address
shows the designed 404 page, and the page and fragment caches on), on the local SQLite database,
served by runserver. WhiteNoise serves the static files straight from the apps' folders, as it does
in development, so no collectstatic is needed.

DEMO_HOST and DEMO_PORT (set by the Makefile from HOST and PORT) are where the demo listens: that host
is allowed, and the admin's links point there."""

import os
import secrets

from .base import *  # noqa: F403

DEBUG = False
PORTAL_DEMO = True
# A new key at each start unless one is given: a demo reachable from other machines (HOST=0.0.0.0)
# must not sign sessions with a key anyone can read here. Signing in again after a restart is the cost.
SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)
DEMO_HOST = os.environ.get("DEMO_HOST", "127.0.0.1")
DEMO_PORT = os.environ.get("DEMO_PORT", "8000")
# Listening on every interface, the demo is reached by whatever name or address the machine has.
_EVERY_INTERFACE = DEMO_HOST in ("0.0.0.0", "::", "[::]")  # noqa: S104 - a comparison, not a bind
ALLOWED_HOSTS = (
    ["*"] if _EVERY_INTERFACE else list(dict.fromkeys([DEMO_HOST, "127.0.0.1", "localhost", "[::1]", *ALLOWED_HOSTS]))  # noqa: F405
)
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://{'127.0.0.1' if _EVERY_INTERFACE else DEMO_HOST}:{DEMO_PORT}"
)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
