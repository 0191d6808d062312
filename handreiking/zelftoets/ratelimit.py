"""A rate limit on zelftoets submissions that never stores who you are: a hash of the address
keyed with a secret that lives only in the cache and is gone when its window ends."""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from handreiking.clients import client_address


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


def current_window(limit: RateLimit) -> tuple[int, bytes]:
    """The current fixed window and its secret. The secret is random, lives only in the cache
    and expires with the window: afterwards nobody, not even with SECRET_KEY, can map a key
    back to an address by trying the whole address range."""
    index = int(time.time()) // limit.seconds
    secret_key = f"zelftoets-rate-secret:{index}"
    cache.add(secret_key, secrets.token_hex(32), timeout=limit.seconds * 2)
    secret = cache.get(secret_key) or ""
    return index, secret.encode()


def rate_limit_key(address: str, *, window: int, secret: bytes) -> str:
    digest = hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:40]
    return f"zelftoets-rate:{window}:{digest}"


def _key(request: HttpRequest, limit: RateLimit) -> str:
    window, secret = current_window(limit)
    return rate_limit_key(client_address(request), window=window, secret=secret)


def retry_after(request: HttpRequest) -> int | None:
    """Seconds to wait when this client already used its quota in this window, else None."""
    limit = rate_limit_setting()
    if not limit.enabled:
        return None
    used = cache.get(_key(request, limit), 0)
    if used < limit.count:
        return None
    return limit.seconds - int(time.time()) % limit.seconds


def count_submission(request: HttpRequest) -> None:
    """Use one of the client's submissions; only stored submissions count."""
    limit = rate_limit_setting()
    if not limit.enabled:
        return
    key = _key(request, limit)
    if cache.add(key, 1, timeout=limit.seconds):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=limit.seconds)
