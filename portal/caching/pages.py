"""A short-lived cache of whole public pages for anonymous visitors, under the content version."""

import gzip
import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from portal.foundations.navigation import admin_prefix

from .compression import accepts_gzip, compressible, gzipped
from .version import content_cache, content_version
from .visitors import is_anonymous


class PageCacheMiddleware:
    """Keeps rendered public pages for PORTAL_PAGE_CACHE["SECONDS"]: anonymous GETs only (no session
    or CSRF cookie, no Authorization header), never under the admin, documents, images or i18n
    prefixes, and only plain 200 responses that set no cookie and are not private. A page that can be
    compressed is stored gzipped, so a hit costs no compression."""

    MAX_BYTES = 4 * 1024 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        config = settings.PORTAL_PAGE_CACHE
        if not config["SECONDS"] or not self._cacheable_request(request, config):
            return self.get_response(request)
        cache = content_cache()
        version = content_version(request)
        # The scheme is part of the page (its canonical and alternate links): never serve an HTTPS
        # visitor a page cached over HTTP.
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        # "v3": what is stored (status, headers, body, whether it is gzipped) changed shape; a key of its
        # own keeps a shared cache's entries from an earlier release from being read as this one's.
        key = f"portal:page:v3:{version}:{digest}"
        stored = cache.get(key)
        if stored is not None:
            return self._hit(request, *stored)
        response = self.get_response(request)
        if self._cacheable_response(response):
            if config["CDN_SECONDS"]:
                # Before the headers are stored, so that a hit tells the CDN the same. While one request
                # refreshes an expired page, the CDN may go on serving the old one for a while; a
                # publication purges it outright (portal/caching/invalidation.py).
                patch_cache_control(
                    response,
                    public=True,
                    max_age=0,
                    s_maxage=config["CDN_SECONDS"],
                    stale_while_revalidate=config["CDN_STALE_SECONDS"],
                )
            headers = [(name, value) for name, value in response.items() if name.lower() != "x-page-cache"]
            compressed = gzipped(response.content) if compressible(request, response) else None
            # One copy only, compressed when it can be: a hit then reads a fifth of the bytes from the
            # cache (over the network with Redis), and the rare client without gzip gets it decompressed.
            body = response.content if compressed is None else compressed
            cache.set(key, (response.status_code, headers, body, compressed is not None), config["SECONDS"])
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _hit(request, status, headers, body, is_gzipped):
        send_compressed = is_gzipped and accepts_gzip(request)
        response = HttpResponse(body if send_compressed or not is_gzipped else gzip.decompress(body), status=status)
        for name, value in headers:
            response[name] = value
        if is_gzipped:
            patch_vary_headers(response, ("Accept-Encoding",))
        if send_compressed:
            response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(body))
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def _cacheable_request(request, config):
        if request.method != "GET" or not is_anonymous(request):
            return False
        return not request.path_info.startswith((admin_prefix(), *config["EXCLUDE_PREFIXES"]))

    def _cacheable_response(self, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        return len(response.content) <= self.MAX_BYTES
