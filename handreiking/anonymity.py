"""Anonymity by construction: personal data out of free text, and a rate limit that never stores
who you are (a keyed hash of the address, in the cache only, gone when the window ends)."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

PROFILE_HOSTS = (
    r"linkedin\.com/(?:in|pub)/|x\.com/|twitter\.com/|facebook\.com/|fb\.com/|"
    r"instagram\.com/|tiktok\.com/@|threads\.net/@|youtube\.com/(?:@|c/|user/|channel/)|"
    r"github\.com/|bsky\.app/profile/|mastodon\.[a-z.]+/@|[a-z0-9.-]+\.social/@"
)
_PROFILE = re.compile(
    rf"(?:https?://)?(?:[a-z]+\.)?(?:{PROFILE_HOSTS})[^\s<>\"')\]]+", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_IBAN = re.compile(
    r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.IGNORECASE
)
_PHONE = re.compile(r"(?<![\w+])(?:\(?\+31\)?|\(?0031\)?|\(?0)(?:[\s\-./()]{0,3}\d){9}(?!\d)")
_BSN = re.compile(r"(?<![\d.,-])(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .-]\d{3}[ .-]\d{3})(?![\d])")
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]{2,30}\b")


_DUTCH_IBAN = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")


def is_valid_iban(candidate: str) -> bool:
    """A real IBAN (mod-97), or anything shaped like a Dutch one: a typo is still personal."""
    compact = candidate.replace(" ", "").upper()
    if _DUTCH_IBAN.fullmatch(compact):
        return True
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def passes_eleven_test(candidate: str) -> bool:
    """The BSN 'elfproef': 9 digits, weights 9..2 and -1, sum divisible by 11."""
    digits = [int(ch) for ch in candidate if ch.isdigit()]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


@dataclass(frozen=True)
class Scrubbed:
    text: str
    had_personal_data: bool


def scrub(text: str) -> Scrubbed:
    """Replace e-mail addresses, Dutch phone numbers, BSNs, IBANs and social-media profiles."""
    found = False

    def replace(pattern: re.Pattern, label: str, valid=None):
        nonlocal text, found

        def substitute(match: re.Match) -> str:
            nonlocal found
            if valid is not None and not valid(match.group(0)):
                return match.group(0)
            found = True
            return label

        text = pattern.sub(substitute, text)

    replace(_PROFILE, "[profiel]")
    replace(_EMAIL, "[e-mail]")
    replace(_IBAN, "[iban]", is_valid_iban)
    replace(_PHONE, "[telefoonnummer]")
    replace(_BSN, "[bsn]", passes_eleven_test)
    replace(_HANDLE, "[profiel]")
    return Scrubbed(text=text, had_personal_data=found)


# Rate limiting


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


# Aggregates for reviewers: never show a group smaller than this (employee-survey practice).

MIN_GROUP_SIZE = 5


@dataclass(frozen=True)
class Cell:
    label: str
    count: int
    shown: str
    suppressed: bool
    share: int = 0  # percentage of the largest shown count, for the bar chart


def safe_breakdown(counts: list[tuple[str, int]]) -> list[Cell] | None:
    """Counts safe to show: cells of 1-4 become "< 5", and one more cell is hidden when a
    single hidden cell could be worked out from the total. None when the whole group is too
    small to show at all."""
    total = sum(count for _label, count in counts)
    if total < MIN_GROUP_SIZE:
        return None
    hidden = {label for label, count in counts if 0 < count < MIN_GROUP_SIZE}
    if len(hidden) == 1:
        others = sorted((count, label) for label, count in counts if label not in hidden and count)
        if others:
            hidden.add(others[0][1])
    largest = max((count for label, count in counts if label not in hidden), default=0)
    return [
        Cell(
            label=label,
            count=count,
            shown=(
                ("< 5" if count < MIN_GROUP_SIZE else "verborgen")
                if label in hidden
                else str(count)
            ),
            suppressed=label in hidden,
            share=0 if label in hidden or not largest else round(100 * count / largest),
        )
        for label, count in counts
    ]
