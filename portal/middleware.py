"""Production middleware: the Content-Security-Policy per kind of response, a clear 503 page while the
database is unreachable, and a short-lived cache of anonymous public pages. (Static files get their
headers from WHITENOISE_ADD_HEADERS_FUNCTION in the settings.)"""

import hashlib
import logging
import sys

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_cache_control

from csp.middleware import CSPMiddleware

from .caching import clear_content_caches, content_cache, content_version, fragment_seconds, memoized

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with three policies: CONTENT_SECURITY_POLICY for the public site, the
    laxer PORTAL_ADMIN_CSP for Wagtail's admin (its templates still use inline scripts and styles), and
    nothing-allowed for SVG images and attachments."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        content_type = response.get("Content-Type", "")
        if content_type.startswith("image/svg") or response.get("Content-Disposition", "").startswith("attachment"):
            parts.config = {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}
        elif request.path_info.startswith(admin_prefix()):
            parts.config = settings.PORTAL_ADMIN_CSP
        return parts


def admin_prefix():
    return getattr(settings, "PORTAL_ADMIN_PREFIX", "/admin/")


def _note_database_error(sender, request=None, **kwargs):
    """Django turns an exception raised inside a middleware into a 500 response before the
    middleware above sees it; this receiver, called while the exception is being handled, marks the
    request so DatabaseUnavailableMiddleware can answer 503 instead."""
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        request.portal_database_unavailable = True


def unavailable_response():
    """The 503 page: a plain template rendered without a request, so no context processor touches the
    database."""
    response = HttpResponse(render_to_string("503.html"), status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(settings.PORTAL_RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """While the database cannot be reached, answer a clear 503 page with Retry-After rather than a
    500; nothing is kept, so the site recovers by itself when the database answers again (Django
    drops broken connections at the end of each request; CONN_HEALTH_CHECKS checks reused ones)."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_note_database_error, dispatch_uid="portal-database-unavailable")

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS:
            # Reached only when DEBUG_PROPAGATE_EXCEPTIONS lets exceptions through.
            return self._unavailable(request)
        if response.status_code == 500 and getattr(request, "portal_database_unavailable", False):
            return self._unavailable(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self._unavailable(request)
        return None

    def _unavailable(self, request):
        logger.error("Database unavailable while serving %s", request.path, exc_info=sys.exc_info()[0] is not None)
        return unavailable_response()


# --- Page cache -------------------------------------------------------------------------------------


class PageCacheMiddleware:
    """Keeps rendered public pages for PORTAL_PAGE_CACHE["SECONDS"]: anonymous GETs only (no session
    or CSRF cookie, no Authorization header), never under the admin, documents, images or i18n
    prefixes, and only plain 200 responses that set no cookie and are not private."""

    MAX_BYTES = 4 * 1024 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        config = settings.PORTAL_PAGE_CACHE
        if not config["SECONDS"] or not self._cacheable_request(request, config):
            return self.get_response(request)
        cache = content_cache()
        version = content_version(request)
        digest = hashlib.sha256(f"{request.get_host()}\n{request.get_full_path()}".encode()).hexdigest()
        key = f"portal:page:{version}:{digest}"
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            headers = [(name, value) for name, value in response.items() if name.lower() != "x-page-cache"]
            cache.set(key, (response.status_code, headers, response.content), config["SECONDS"])
            response["X-Page-Cache"] = "miss"
            if config["CDN_SECONDS"]:
                patch_cache_control(response, public=True, max_age=0, s_maxage=config["CDN_SECONDS"])
        return response

    @staticmethod
    def _cacheable_request(request, config):
        if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES or settings.CSRF_COOKIE_NAME in request.COOKIES:
            return False
        return not request.path_info.startswith((admin_prefix(), *config["EXCLUDE_PREFIXES"]))

    def _cacheable_response(self, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        return len(response.content) <= self.MAX_BYTES


class SiteMiddleware:
    """Finds the request's Wagtail site (and its root page) once per content version and process,
    rather than with a query or two on every request. Only for hosts ALLOWED_HOSTS accepts, and only
    while the fragment cache is on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if fragment_seconds():
            try:
                host = request.get_host()
            except DisallowedHost:
                return self.get_response(request)
            from wagtail.models import Site

            request._wagtail_site = memoized(f"site:{host}", lambda: Site._find_for_request(request), request)
        return self.get_response(request)


def _content_saved_or_deleted(sender, **kwargs):
    from wagtail.models import Locale, Page, Site

    if sender._meta.app_label in CONTENT_APPS or issubclass(sender, Page | Site | Locale):
        clear_content_caches()


def _record_changed(sender, instance=None, **kwargs):
    if instance is not None and sender._meta.app_label in RECORD_APPS:
        purge_frontend_cache(instance)


# Apps whose rows the public pages show; any save or deletion there clears the page cache (drafts
# too: an extra miss costs less than a stale page).
CONTENT_APPS = {"portal", "agreements", "diplomacy", "wagtailredirects"}
RECORD_APPS = {"agreements", "diplomacy"}
# Public listings a record may appear in, purged from the CDN when a record changes.
LISTING_URL_NAMES = ["agreement_list", "agreement_timeline", "partnership_list", "initiative_list", "figures"]
EXPORT_FORMATS = ["csv", "json", "xlsx"]


def purge_frontend_cache(instance):
    """Ask the CDN (WAGTAILFRONTENDCACHE) to drop a record's page and the listings in every language.
    Wagtail's frontend_cache app purges pages itself when they are published or unpublished."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [reverse(name) for name in LISTING_URL_NAMES]
            paths += [reverse("agreement_export", kwargs={"format": fmt}) for fmt in EXPORT_FORMATS]
            if hasattr(instance, "get_absolute_url") and getattr(instance, "slug", ""):
                try:
                    paths.append(instance.get_absolute_url())
                except NoReverseMatch:
                    pass
    batch = PurgeBatch()
    batch.add_urls([base + path for path in dict.fromkeys(paths)])
    try:
        batch.purge()
    except Exception:  # a CDN outage must never break publishing
        logger.exception("Could not purge the frontend cache")


def connect_signals():
    """Called from PortalConfig.ready(): clear the page cache (and purge the CDN for records) whenever
    something the public site shows is published, unpublished, moved, saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    for signal in (page_published, page_unpublished, published, unpublished, post_page_move):
        signal.connect(clear_content_caches, dispatch_uid="portal-page-cache")
    for signal in (post_save, post_delete):
        signal.connect(_content_saved_or_deleted, dispatch_uid="portal-page-cache")
    for signal in (published, unpublished, post_delete):
        signal.connect(_record_changed, dispatch_uid="portal-frontend-cache")


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page (templates/portal/lockout.html), status 429."""
    from django.shortcuts import render

    from axes.helpers import get_client_username, get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "minutes": max(1, int(cool_off.total_seconds() // 60)) if cool_off else 0,
    }
    response = render(request, "portal/lockout.html", context, status=429)
    add_never_cache_headers(response)
    return response
