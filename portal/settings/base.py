"""Settings shared by every environment. Safe by default: DEBUG is off and secrets come from the
environment; dev.py relaxes what a developer's machine needs."""

import datetime
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext_lazy as _

import dj_database_url

from portal.foundations.identity import PORTAL_NAME

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "portal",
    "agreements",
    "diplomacy",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    # Translations of the book's pages, segment by segment, with what changed since (docs/editors.md).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

# Order matters: every response carries its request id; WhiteNoise answers static files right after
# SecurityMiddleware; the CSP and
# X-Frame-Options middleware sit above the 503 and page-cache middleware so their responses get the
# headers too; the two-factor check follows authentication and messages; axes comes last (see
# portal/security/ and portal/caching/).
MIDDLEWARE = [
    "portal.security.request_ids.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, which stores pages already compressed; after WhiteNoise, which sends
    # static files precompressed itself.
    "portal.caching.compression.PublicCompressionMiddleware",
    # A hit answers here, with the headers stored with the page (the CSP and X-Frame-Options set below
    # on the first rendering), so it does no more work than a static file; it needs no database either.
    "portal.caching.pages.PageCacheMiddleware",
    "portal.security.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.security.availability.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.security.two_factor.TwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.security.incomplete_forms.IncompleteAdminFormMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.book.structure.book",
                "portal.foundations.identity.portal_identity",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL names another database (PostgreSQL in
# production, through psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Lima"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = []
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def static_file_headers(headers, path, url):
    """WhiteNoise answers before the CSP and X-Frame-Options middleware run, so static files get those
    headers here (SecurityMiddleware, above WhiteNoise, adds HSTS); a static file opened on its own
    (an SVG, say) may do nothing."""
    from django.conf import settings  # the finished settings object, only once they are loaded

    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY or "same-origin"
    headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"


# Static files are served by WhiteNoise (see MIDDLEWARE).
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers

# Media on object storage (S3 or compatible) when a bucket is named; on the local disk otherwise.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": False,
            "object_parameters": {"CacheControl": "max-age=86400"},
        },
    }
    MEDIA_URL = (
        f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}/{os.environ.get('AWS_LOCATION', 'media')}/"
        if os.environ.get("AWS_S3_CUSTOM_DOMAIN")
        else MEDIA_URL
    )

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# Where `make backup` (manage.py backup_portal) writes backups/<timestamp>/.
PORTAL_BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: Redis when REDIS_URL is set (shared by every app server), this process's memory otherwise.
# While Redis cannot be reached the site answers uncached (portal/caching/backends.py); the short
# timeouts keep an unreachable Redis from holding up a request.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "portal.caching.backends.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}

# Rendered public pages, for anonymous visitors only (portal/caching/pages.py); any publication,
# unpublication or deletion clears them. CDN_SECONDS > 0 lets a CDN keep them as well.
PORTAL_PAGE_CACHE = {
    "ALIAS": "default",
    "SECONDS": int(os.environ.get("PAGE_CACHE_SECONDS", "60")),
    "CDN_SECONDS": int(os.environ.get("CDN_CACHE_SECONDS", "0")),
    "CDN_STALE_SECONDS": int(os.environ.get("CDN_STALE_SECONDS", "60")),
    # Rendered fragments (header, footer, a chapter's text, a result row) and small structures kept in
    # each process (portal/caching/), reused by pages the page cache does not hold: other filters,
    # other pages, visitors with a session.
    "FRAGMENT_SECONDS": int(os.environ.get("FRAGMENT_CACHE_SECONDS", "60")),
    "EXCLUDE_PREFIXES": ["/documents/", "/images/", "/i18n/", "/static/", "/media/"],
}
# A CDN or caching proxy in front of the app servers, purged of every page of the site whenever
# content is published, unpublished, moved or deleted (portal/caching/invalidation.py).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "portal.caching.invalidation.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# Seconds a visitor is asked to wait on the 503 page shown while the database is unreachable.
PORTAL_RETRY_AFTER = 30

# Security headers. Django's defaults already send nosniff, Referrer-Policy: same-origin,
# Cross-Origin-Opener-Policy and X-Frame-Options: DENY; production.py adds HSTS and secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Public pages: no inline script or style, nothing from elsewhere but the media host.
_MEDIA_HOSTS = [f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"] if os.environ.get("AWS_S3_CUSTOM_DOMAIN") else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_HOSTS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin still relies on inline scripts and styles, loads embeds from elsewhere, and shows
# previews in a same-origin frame. Avatars are never fetched from elsewhere (WAGTAIL_GRAVATAR_PROVIDER_URL).
PORTAL_ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

# Logging in to the admin: django-axes refuses every attempt, even with the right password, for
# AXES_COOLOFF_TIME after AXES_FAILURE_LIMIT failures from one address on one user name.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
# Locked by user name and address together, so failures from one place never lock an editor out
# elsewhere. Behind a reverse proxy or CDN every request comes from the proxy's address: set
# TRUSTED_PROXY_COUNT to the number of proxies in front, and the client's address is read from
# X-Forwarded-For (never trusted without proxies, where anyone could write it).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "portal.security.lockout.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.security.lockout.lockout_response"
AXES_VERBOSE = False

# --- Two-factor authentication for the admin (portal/two_factor.py, docs/deployment.md) ---
# Off by default. When on, superusers and members of the required groups must set up an
# authenticator app and enter its code after their password; other admin users may choose to.
ADMIN_2FA_ENABLED = os.environ.get("ADMIN_2FA_ENABLED", "").strip().lower() in ("1", "true", "yes", "on")
ADMIN_2FA_REQUIRED_GROUPS = [
    name.strip() for name in os.environ.get("ADMIN_2FA_REQUIRED_GROUPS", "Moderators").split(",") if name.strip()
]
# The name authenticator apps show for the account.
OTP_TOTP_ISSUER = "Peruvian Foreign Policy portal"
# --- end of two-factor authentication ---

# Wagtail
# The admin's name for the site (its branding and the default site's name): the portal's own,
# translated in the admin user's language.
WAGTAIL_SITE_NAME = PORTAL_NAME
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The site's own address for canonical links, alternates, exports and feeds; empty: each request's
# own scheme and host (development).
PORTAL_BASE_URL = os.environ.get("BASE_URL", "")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Accent-insensitive full-text search (created by portal/migrations/0003).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "portal_unaccent"
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "xlsx", "docx", "odt", "txt"]
# Documents always download (never open inside the site's origin), through Django so they carry the
# security headers and Wagtail's "default-src 'none'" policy, wherever the files are stored.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatar from Gravatar: it would tell a third party who opens the admin, and Wagtail asks for it
# over plain HTTP, which the admin's CSP blocks (a broken image on every page). Editors without an
# uploaded avatar get Wagtail's default one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None


# E-mail (password resets, review notifications): SMTP from EMAIL_URL, e.g.
# smtp://user:password@mail.example.org:587 (STARTTLS) or smtps://…:465 (SSL), or from the usual
# EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL.
def _email_settings(env):
    if not env.get("EMAIL_URL"):
        return {
            "EMAIL_HOST": env.get("EMAIL_HOST", "localhost"),
            "EMAIL_PORT": int(env.get("EMAIL_PORT", "25")),
            "EMAIL_HOST_USER": env.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": env.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": env.get("EMAIL_USE_TLS", "").lower() in ("1", "true", "yes"),
            "EMAIL_USE_SSL": env.get("EMAIL_USE_SSL", "").lower() in ("1", "true", "yes"),
        }
    url = urlsplit(env["EMAIL_URL"])
    ssl = url.scheme in ("smtps", "smtp+ssl")
    return {
        "EMAIL_HOST": url.hostname or "localhost",
        "EMAIL_PORT": url.port or (465 if ssl else 587),
        "EMAIL_HOST_USER": unquote(url.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(url.password or ""),
        "EMAIL_USE_TLS": not ssl and url.scheme in ("smtp", "smtp+tls"),
        "EMAIL_USE_SSL": ssl,
    }


_EMAIL = _email_settings(os.environ)
EMAIL_HOST = _EMAIL["EMAIL_HOST"]
EMAIL_PORT = _EMAIL["EMAIL_PORT"]
EMAIL_HOST_USER = _EMAIL["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _EMAIL["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _EMAIL["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _EMAIL["EMAIL_USE_SSL"]
EMAIL_CONFIGURED = bool(os.environ.get("EMAIL_URL") or os.environ.get("EMAIL_HOST"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Peruvian foreign policy portal <webmaster@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Logs go to standard error, each line about a request with its id and path (X-Request-ID).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "portal.security.request_ids.RequestContextFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [request %(request_id)s %(path)s] %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request"], "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Errors reported to Sentry (or a compatible service) as well, when SENTRY_DSN is set.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=0.0,
    )

# The admin speaks the portal's two languages; each editor picks one in their account.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("es", "Español")]

# Editors' admin
# Images editors may upload (documents: WAGTAILDOCS_EXTENSIONS above); anything else is refused with
# a message naming the allowed types. No SVG: it can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Every image is decoded on upload: a damaged file gets a message, not a server error.
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.security.uploads.CheckedImageForm"
