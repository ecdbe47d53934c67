"""One version for everything the public site shows, and what is cached against it.

Any publication, unpublication, move, save or deletion of content changes the version
(``clear_content_caches``, wired in ``portal.caching.invalidation``), which every key includes:
rendered pages (``PageCacheMiddleware``), template fragments (``{% fragmentcache %}``) and the small
structures kept in each process (``memoized``) are all dropped at once. With Redis (REDIS_URL) every
worker and server shares the version; with the per-process memory cache another worker notices only
when its entries expire, so their lifetime (PORTAL_PAGE_CACHE) stays short."""

import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

VERSION_KEY = "portal:page-cache-version"


def content_cache():
    return caches[settings.PORTAL_PAGE_CACHE["ALIAS"]]


def content_version(request=None):
    """The current version, read from the cache once per request."""
    version = getattr(request, "_portal_content_version", None)
    if version is None:
        cache = content_cache()
        version = cache.get(VERSION_KEY)
        if version is None:
            # A new or flushed cache starts a version of its own, so nothing kept from before matches it.
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY) or "0"
        if request is not None:
            request._portal_content_version = version
    return version


def clear_content_caches(**kwargs):
    """Forget every cached page and fragment at once; also when the surrounding transaction
    commits, so anything cached from the old rows meanwhile is dropped too."""

    def bump():
        content_cache().set(VERSION_KEY, uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


def fragment_seconds():
    return settings.PORTAL_PAGE_CACHE["FRAGMENT_SECONDS"]


# {name: (version, expiry, value)} for this process; a few names per language and host.
_MEMO = {}
MEMO_ENTRIES = 100
# How long a value identified by its own version is kept while fragment caching is off.
IDENTIFIED_SECONDS = 300


def memoized(name, build, request=None, version=None):
    """``build()``, kept in this process until the content version changes or FRAGMENT_SECONDS pass:
    the one in-process cache, for small structures many pages need (the book's chapters and
    publishers, a chapter's anchors, the search's section index), read without a query or a cache
    round trip. Not used while fragment caching is off (FRAGMENT_SECONDS = 0), except for a value a
    caller identifies itself by an immutable ``version`` (a published revision), which can never be
    stale and saves reading the content version."""
    seconds = fragment_seconds()
    if version is None:
        if not seconds:
            return build()
        version = content_version(request)
    now = time.monotonic()
    entry = _MEMO.get(name)
    if entry is not None and entry[0] == version and entry[1] > now:
        return entry[2]
    value = build()
    if len(_MEMO) >= MEMO_ENTRIES:
        _MEMO.clear()
    _MEMO[name] = (version, now + (seconds or IDENTIFIED_SECONDS), value)
    return value
