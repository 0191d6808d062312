"""A rate limit on zelftoets submissions that never stores who you are: a keyed hash of the
address, in the cache only, gone when the window ends."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.crypto import salted_hmac


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


def client_address(request: HttpRequest) -> str:
    """The address as our own proxy saw it: the last X-Forwarded-For hop (earlier hops are the
    client's to invent), else the socket's. Used only to derive the cache key below."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def rate_limit_key(address: str) -> str:
    digest = salted_hmac("handreiking.zelftoets.rate-limit", address, algorithm="sha256")
    return f"zelftoets-rate:{digest.hexdigest()[:40]}"


def over_rate_limit(request: HttpRequest) -> int | None:
    """Count this submission; seconds to wait when the client is over the limit, else None."""
    limit = rate_limit_setting()
    if not limit.enabled:
        return None
    key = rate_limit_key(client_address(request))
    if cache.add(key, 1, timeout=limit.seconds):
        return None
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=limit.seconds)
        return None
    return limit.seconds if count > limit.count else None
