"""Django's Redis cache, made optional: while Redis cannot be reached the site answers uncached
(reads miss, writes are dropped) instead of failing, and uses Redis again by itself when it returns.

After a failed call the process leaves Redis alone for RETRY_SECONDS, so a page that makes a dozen
cache calls pays for at most one connection timeout, not twelve."""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _or_default(default):
    """The cache call, or ``default(*args, **kwargs)`` while Redis cannot be reached."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if time.monotonic() < self._unreachable_until:
                return default(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                if not self._unreachable_until:
                    logger.warning("Cache unreachable (%s): serving uncached until it returns", error)
                self._unreachable_until = time.monotonic() + self.RETRY_SECONDS
                return default(*args, **kwargs)
            if self._unreachable_until:
                logger.warning("Cache reachable again")
                self._unreachable_until = 0.0
            return result

        return call

    return decorate


def _given_default(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    RETRY_SECONDS = 5.0
    _unreachable_until = 0.0

    get = _or_default(_given_default)(RedisCache.get)
    get_many = _or_default(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _or_default(lambda *args, **kwargs: False)(RedisCache.has_key)
    add = _or_default(lambda *args, **kwargs: False)(RedisCache.add)
    set = _or_default(lambda *args, **kwargs: None)(RedisCache.set)
    set_many = _or_default(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    touch = _or_default(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _or_default(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _or_default(lambda *args, **kwargs: None)(RedisCache.delete_many)
    # A counter that cannot be read starts again (the password-reset limit lets the request through).
    incr = _or_default(lambda key, delta=1, version=None: delta)(RedisCache.incr)
    clear = _or_default(lambda *args, **kwargs: False)(RedisCache.clear)
