"""gzip for what anonymous visitors read: pages, feeds, sitemaps and data files.

A compressed response that mixes a secret with text an attacker can influence leaks the secret to
anyone measuring its size (BREACH). So only responses that can carry no secret are compressed: not
the admin, not a visitor holding a session or CSRF cookie, not a response that sets a cookie. Static
files are not handled here: WhiteNoise sends its own precompressed copies."""

import gzip
import re

from django.middleware.gzip import GZipMiddleware

from portal.foundations.navigation import admin_prefix

from .visitors import is_anonymous

# Smaller bodies gain nothing; Django's GZipMiddleware uses the same threshold.
MIN_BYTES = 200
TEXT_TYPES = re.compile(r"^(text/|application/(json|xml|atom\+xml|rss\+xml|ld\+json|javascript)|image/svg\+xml)")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def compressible(request, response):
    if request.path_info.startswith(admin_prefix()) or not is_anonymous(request) or response.cookies:
        return False
    return bool(TEXT_TYPES.match(response.get("Content-Type", "")))


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def gzipped(content):
    """The page cache compresses a page once when it stores it; a hit then sends these bytes as they
    are. mtime=0 keeps the bytes the same for the same page."""
    if len(content) < MIN_BYTES:
        return None
    compressed = gzip.compress(content, compresslevel=6, mtime=0)
    return compressed if len(compressed) < len(content) else None


class PublicCompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (which leaves an already encoded response alone, so page-cache hits
    pass through untouched), for the responses `compressible` allows."""

    def process_response(self, request, response):
        if not compressible(request, response):
            return response
        return super().process_response(request, response)
