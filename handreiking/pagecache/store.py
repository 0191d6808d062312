"""Where stored pages live: Django's cache (Redis shared by every instance, or local memory per
process), with a small copy in this process's memory in front of a shared cache.

Keys carry the content version, so no copy can go stale: a publish makes new keys, and old
copies are never asked for again (they expire or are pushed out).

Bounded everywhere: only addresses that name a page there is are stored (`keys.page_key`);
local memory holds at most the cache's MAX_ENTRIES (Django's LocMemCache drops the least
recently used when full); each copy in Redis expires after PAGE_CACHE_SECONDS, and Redis itself
is given `maxmemory` with `allkeys-lru` (docs/deployment.md); the copies in front of Redis are
at most `LOCAL_LIMIT`."""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse

# A page is kept once it was asked for twice (as nginx's proxy_cache_min_uses): a page nobody
# reads again (an old version of a chapter, a QR code of one section) never pushes the chapters
# out. Random query strings are not stored at all (`keys.canonical_query`).
MIN_USES = 2
# Keys asked for once, per process: only their hashes, bounded.
SEEN_LIMIT = 10_000
# Pages in this process's memory in front of a shared cache, and the largest page stored.
LOCAL_LIMIT = 512
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Page:
    """A stored answer: the bytes and the headers every middleware inside the cache added."""

    content: bytes
    headers: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, response: HttpResponse) -> "Page":
        return cls(response.content, tuple(response.headers.items()))

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response.headers[name] = value
        return response

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


class _Bounded(OrderedDict):
    """A least-recently-used map of at most `limit` entries, safe across threads."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit
        self.lock = threading.Lock()

    def get_recent(self, key):
        with self.lock:
            value = super().get(key)
            if value is not None:
                self.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self[key] = value
            self.move_to_end(key)
            while len(self) > self.limit:
                self.popitem(last=False)


_local: _Bounded = _Bounded(LOCAL_LIMIT)
_seen: _Bounded = _Bounded(SEEN_LIMIT)


def _shared() -> bool:
    # Local memory is already in this process: a second copy in front of it would gain nothing.
    return not isinstance(caches["default"], LocMemCache)


def get(key: str) -> Page | None:
    if not _shared():
        return caches["default"].get(key)
    page = _local.get_recent(key)
    if page is None:
        page = caches["default"].get(key)
        if page is not None:
            _local.put(key, page)
    return page


def put(key: str, page: Page, *, seconds: int, wanted: bool = False) -> bool:
    """Store `page` if this process saw `key` asked for before, or it is `wanted` anyway;
    returns whether it did."""
    if len(page.content) > MAX_BYTES:
        return False
    with _seen.lock:
        seen = _seen.pop(key, None) is not None
    if not (seen or wanted) and MIN_USES > 1:
        _seen.put(key, True)
        return False
    caches["default"].set(key, page, timeout=seconds)
    if _shared():
        _local.put(key, page)
    return True


def clear_local() -> None:
    """Forget this process's copies and counts (the shared cache is the cache's to clear)."""
    _local.clear()
    _seen.clear()
