"""A rate limit on zelftoets submissions that never stores who you are: a hash of the address
keyed with a secret that exists only in process memory, counted in a key that is gone when its
window ends."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from redis.exceptions import RedisError

from handreiking.clients import client_address
from handreiking.zelftoets import sources


@dataclass(frozen=True)
class RateLimit:
    count: int
    seconds: int

    @property
    def enabled(self) -> bool:
        return self.count > 0


def rate_limit_setting(value: str | None = None) -> RateLimit:
    raw = (settings.ZELFTOETS_RATE_LIMIT if value is None else value).strip()
    if raw in {"0", ""}:
        return RateLimit(0, 0)
    try:
        count_text, seconds_text = raw.split("/")
        limit = RateLimit(int(count_text), int(seconds_text))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"ZELFTOETS_RATE_LIMIT={raw!r}: use 'count/seconds', e.g. '10/600', or '0' for off."
        ) from error
    if limit.count < 0 or limit.seconds <= 0:
        raise ImproperlyConfigured(f"ZELFTOETS_RATE_LIMIT={raw!r}: count and seconds must be > 0.")
    return limit


def rate_limit_key(address: str, *, window: int) -> str:
    """The cache key counting one address in one fixed window: a keyed hash whose key is derived
    in process memory for this window (`sources`). Redis holds only the digest and a count,
    both gone when the window ends."""
    return f"zelftoets-rate:{window}:{sources.keyed_digest(address, purpose=f'rate:{window}')}"


def _key(request: HttpRequest, limit: RateLimit) -> str:
    return rate_limit_key(client_address(request), window=int(time.time()) // limit.seconds)


@dataclass(frozen=True)
class Taken:
    """One submission taken from a client's quota: `wait` seconds when there was none left."""

    key: str
    wait: int | None


def take(request: HttpRequest) -> Taken | None:
    """Use one of this client's submissions for the one being kept now, or learn how long to
    wait; None when the limit is off. Counting before storing, in one step, is what makes it
    hold under concurrent submissions; a refused one adds nothing that matters (the client is
    over the limit until the window ends anyway), and one that could not be stored is given
    back (`give_back`)."""
    limit = rate_limit_setting()
    if not limit.enabled:
        return None
    key = _key(request, limit)
    used = _increment(key, seconds=limit.seconds)
    if used <= limit.count:
        return Taken(key, None)
    return Taken(key, limit.seconds - int(time.time()) % limit.seconds)


def give_back(taken: Taken | None) -> None:
    if taken is not None and taken.wait is None:
        try:
            cache.decr(taken.key)
        except ValueError:  # the window ended meanwhile
            pass


def _increment(key: str, *, seconds: int) -> int:
    """The key's count after adding one; it expires with its window. On Redis one round trip
    (SET NX with the expiry, then INCR, pipelined); elsewhere, or when Redis does not answer,
    through the cache's own API (ResilientRedisCache falls back to this process)."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        try:
            full_key = backend.make_and_validate_key(key)
            # Django's Redis client, as its own incr() uses it (the same connection pool).
            client = backend._cache.get_client(full_key, write=True)
            pipe = client.pipeline(transaction=False)
            pipe.set(full_key, 0, ex=seconds, nx=True)
            pipe.incr(full_key)
            return int(pipe.execute()[1])
        except RedisError:
            pass
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
        return 1
