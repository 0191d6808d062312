"""Pages prepared at publication, so no reader waits for a render after a publish.

When a transaction that replaced the content version commits, the process that committed it
renders the public pages once, under the new version, and stores them: the chapter that changed
last and the home page first (the publisher waits for those, at most `WAIT_SECONDS`), then the
other chapters, the lists, the feed and the API (in the background). Every page goes through
the whole middleware stack, exactly as a reader's request would, so a stored page carries the
same headers; it is stored even though nobody asked for it yet (`store.MIN_USES`).

Warming runs in a thread of its own: a fresh database connection, and none of the request's
thread-local state (the history's user, the CSP nonce) is touched. A newer publication stops an
older warm between two pages. A failure is logged and never reaches the publisher or a reader:
warming only saves readers a render.

Pages are keyed without the request's host when PORTAL_BASE_URL is set (`keys.page_key`), and
only then is warming possible: without it, the host readers use is not known in advance.
"""

import io
import logging
import sys
import threading
from contextlib import contextmanager
from itertools import count
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections, transaction
from django.http.request import validate_host
from django.urls import reverse

from handreiking.models import Chapter, ContentVersion
from handreiking.models.content import content_changed

logger = logging.getLogger(__name__)

# What the middleware recognises as a warm request (a WSGI key no HTTP client can send).
ENVIRON_KEY = "handreiking.pagecache.warm"
# The publisher waits for the first pages at most this long; the rest follow in the background.
WAIT_SECONDS = 2.0
# Chapters warmed per publication, newest change first: enough for the whole handreiking.
CHAPTER_LIMIT = 100
# Pages that list or summarise chapters (after the first ones).
LIST_PAGES = (
    "handreiking:change-list",
    "handreiking:change-feed",
    "handreiking:hr-overview",
    "handreiking:accessibility",
    "handreiking:privacy",
    "api-v1:hoofdstukken",
)

_generation = count(1)
_latest = 0
_latest_lock = threading.Lock()
_handler: WSGIHandler | None = None
_thread = threading.local()


def connect() -> None:
    """Idempotent; called from HandreikingConfig.ready()."""
    content_changed.connect(_after_change, dispatch_uid="handreiking-pagecache-warm")


def enabled() -> bool:
    return bool(settings.PAGE_CACHE_WARM and settings.PAGE_CACHE_SECONDS and _origin())


def _after_change(sender, **kwargs) -> None:
    # A data migration's historical model bumps the version too; its pages are not ready yet.
    if sender is not ContentVersion or not enabled():
        return
    # One warm per transaction, however many writes in it replaced the version (a publication
    # with its change note, a restore of many rows).
    queued = getattr(connection, "run_on_commit", [])
    if not any(entry[1] is _after_commit for entry in queued):
        transaction.on_commit(_after_commit, robust=True)


def _after_commit() -> None:
    if getattr(_thread, "background", False):
        _thread.pending = True  # started, without waiting, when `in_background` ends
    else:
        warm()


@contextmanager
def in_background():
    """Changes committed inside this block are warmed once, when it ends, and nobody waits for
    them: for `manage.py publish_scheduled`, which publishes what the schedule says is due."""
    _thread.background, _thread.pending = True, False
    try:
        yield
    finally:
        pending = _thread.pending
        _thread.background, _thread.pending = False, False
        if pending:
            warm(wait=0)


def warm(*, wait: float = WAIT_SECONDS) -> threading.Thread:
    """Render and store the public pages of the current version in a new thread; returns once
    the first pages are stored (or after `wait` seconds)."""
    global _latest
    with _latest_lock:
        _latest = generation = next(_generation)
    first_done = threading.Event()
    thread = threading.Thread(
        target=_run, args=(generation, first_done), name="pagecache-warm", daemon=True
    )
    thread.start()
    first_done.wait(wait)
    return thread


def _run(generation: int, first_done: threading.Event) -> None:
    try:
        first, rest = _paths()
        for group in (first, rest):
            for path in group:
                if generation != _latest:
                    return  # a newer publication warms its own pages
                _render(path)
            first_done.set()
    except Exception:
        logger.warning("Pagina's voorbereiden na een publicatie is mislukt.", exc_info=True)
    finally:
        first_done.set()
        connections.close_all()  # this thread's own connection


def _paths() -> tuple[list[str], list[str]]:
    chapters = list(
        Chapter.objects.published()
        .order_by("-updated_at", "number")
        .values_list("slug", flat=True)[:CHAPTER_LIMIT]
    )
    pages = [reverse("handreiking:chapter-detail", args=[slug]) for slug in chapters]
    first = [*pages[:1], reverse("handreiking:home")]
    rest = [
        *pages[1:],
        *(reverse(name) for name in LIST_PAGES),
        *(reverse("api-v1:hoofdstuk", args=[slug]) for slug in chapters),
    ]
    return first, rest


def _origin() -> tuple[str, str] | None:
    """The scheme and host a warm request names: PORTAL_BASE_URL's, when the settings let that
    host in; else the first host they name outright (pages keyed without host look the same)."""
    if not settings.PORTAL_BASE_URL:
        return None
    base = urlsplit(settings.PORTAL_BASE_URL)
    scheme = "https" if settings.SECURE_SSL_REDIRECT else base.scheme
    hosts = [base.netloc] + [h for h in settings.ALLOWED_HOSTS if h and h[0] not in ".*"]
    allowed = [h for h in hosts if validate_host(h.split(":")[0], settings.ALLOWED_HOSTS)]
    return (scheme, allowed[0]) if allowed else None


def _render(path: str) -> None:
    global _handler
    if _handler is None:
        _handler = WSGIHandler()
    scheme, host = _origin()
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host.split(":")[0],
        "SERVER_PORT": "443" if scheme == "https" else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        ENVIRON_KEY: True,
    }
    if scheme == "https" and settings.SECURE_PROXY_SSL_HEADER:
        environ[settings.SECURE_PROXY_SSL_HEADER[0]] = settings.SECURE_PROXY_SSL_HEADER[1]
    body = _handler(environ, lambda status, headers, exc_info=None: None)
    try:
        b"".join(body)
    finally:
        body.close()
