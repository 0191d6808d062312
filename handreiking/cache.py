"""A shared cache that degrades instead of failing: when Redis does not answer, the portal goes
on with a cache in this process's memory and says so in the log, once a minute.

What uses the cache stays correct with a per-process one: stored pages are keyed by the content
version in the database, and the zelftoets rate limit then counts per process (weaker, never
refusing a stored submission)."""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("handreiking.cache")
WARN_EVERY_SECONDS = 60


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"fallback-{id(self)}", {"TIMEOUT": params.get("TIMEOUT")})
        self._warned_at = 0.0
        self.degraded = False

    def _degrade(self, error: Exception):
        self.degraded = True
        now = time.monotonic()
        if now - self._warned_at > WARN_EVERY_SECONDS:
            self._warned_at = now
            logger.warning(
                "Redis is niet bereikbaar (%s); de cache werkt per proces tot Redis terug is.",
                type(error).__name__,
            )
        return self._fallback


def _resilient(name: str):
    def method(self, *args, **kwargs):
        try:
            result = getattr(RedisCache, name)(self, *args, **kwargs)
        except RedisError as error:
            return getattr(self._degrade(error), name)(*args, **kwargs)
        self.degraded = False
        return result

    method.__name__ = name
    return method


for _name in (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many",
    "delete_many", "clear",
):  # fmt: skip
    setattr(ResilientRedisCache, _name, _resilient(_name))
