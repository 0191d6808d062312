"""What a stored page is keyed by: the code that rendered it, the content version, and the parts
of the request a public page depends on.

Only what a page reads is in the key, so the number of stored pages is bounded by the pages
there are, not by the addresses anyone can type (issue 23: every query string asked for twice
was a page of its own). See `canonical_query` for query strings and `_bounded_path` for the one
path whose last part is free text."""

import datetime
import hashlib
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import DisallowedHost, SuspiciousOperation
from django.db import connection
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.encoding import escape_uri_path
from django.utils.http import urlencode

from handreiking import dbhealth
from handreiking.models import ContentVersion
from handreiking.models.content import SINGLETON

try:
    from psycopg import pq  # the version read on PostgreSQL (`_read_on_libpq`)
except ImportError:  # SQLite only, without libpq: `dbhealth.check_due` is never true
    pq = None

# Everything in the source tree that shapes a page: code, templates, the statements in docs/.
SOURCE_DIRS = ("handreiking", "portal", "templates", "docs")
SOURCE_SUFFIXES = {".py", ".html", ".md", ".txt"}


@lru_cache(maxsize=1)
def build_token() -> str:
    """A hash of what renders the pages, taken once per process. A shared cache (Redis) outlives
    a deploy; with this in the key, new code never serves a page that old code stored, and two
    instances running the same release share their pages."""
    digest = hashlib.sha256()
    for name in SOURCE_DIRS:
        for path in sorted((settings.BASE_DIR / name).rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    # Pages name static files by their fingerprint: a new stylesheet is a new page.
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _version_sql() -> str:
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    return f"SELECT token FROM {table} WHERE id = {SINGLETON:d}"  # noqa: S608 (no input)


def content_version() -> str:
    """The current content version, read from the database on every request: the only place
    every worker and every instance sees a publish at the moment it commits. One primary-key
    read, without the ORM's query building; each request reads for itself.

    The first query of a request on a kept connection is normally preceded by Django's health
    check (CONN_HEALTH_CHECKS: a `SELECT 1`). This read is a query just as cheap that fails the
    same way on a dead connection, so it serves as the health check: one round trip, not two.
    It goes straight to libpq (psycopg's documented `pq` layer) as a prepared statement, which
    costs a third of the client time of a cursor. Both earn their place (bench/RESULTS.md,
    2026-12-07: the chapter page through gunicorn.conf.py's workers on PostgreSQL, side by
    side): 16 % more pages per second than with a plain cursor read (median of five runs,
    8-33 %), 30 % more than with Django's own `SELECT 1` before the read (1-36 %), 33 % more
    than with both (26-41 %). Sharing one read between the threads of a worker did not: 9-23 %
    fewer pages than each request reading for itself, so it is gone. (SQLite's health check
    asks nothing of the database, and there is no libpq.)"""
    if dbhealth.check_due():
        try:
            state = _read_on_libpq(connection.connection)
        except connection.Database.Error:
            connection.close()  # what a failed health check does; the read below reconnects
        else:
            connection.health_check_done = True
            return state
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())
        row = cursor.fetchone()
    return row[0] if row else ""


# The read as a prepared statement, once per connection: the server parses and plans it once,
# not on every request. The name is the portal's own (psycopg names its statements `_pg3_*`).
STATEMENT = b"handreiking_content_state"
# A statement the session no longer has (DISCARD ALL, DEALLOCATE, a pooler's other backend) is
# prepared again; one it already has is used.
MISSING, EXISTS = b"26000", b"42P05"


def _read_on_libpq(conn) -> str:
    pgconn = conn.pgconn
    if getattr(connection, "_content_state_prepared_on", None) is not conn:
        _prepare(pgconn)
        # On the wrapper, next to the connection it belongs to: a reconnect prepares again.
        connection._content_state_prepared_on = conn
    result = pgconn.exec_prepared(STATEMENT, None)
    if result.error_field(pq.DiagnosticField.SQLSTATE) == MISSING:
        _prepare(pgconn)
        result = pgconn.exec_prepared(STATEMENT, None)
    if result.status != pq.ExecStatus.TUPLES_OK:
        raise connection.Database.OperationalError(pgconn.get_error_message())
    if not result.ntuples:
        return ""
    return result.get_value(0, 0).decode()


def _prepare(pgconn) -> None:
    result = pgconn.prepare(STATEMENT, _version_sql().encode())
    if result.status == pq.ExecStatus.COMMAND_OK:
        return
    if result.error_field(pq.DiagnosticField.SQLSTATE) != EXISTS:
        raise connection.Database.OperationalError(pgconn.get_error_message())


# The query parameters a stored page reads, by URL name; every other page reads none. A view that
# starts reading a parameter must be named here, or requests with it are never stored (they
# still get the right page, from the view).
USED_PARAMETERS: dict[str, frozenset[str]] = {
    "handreiking:qr-code": frozenset({"onderdeel"}),  # the section's anchor
}
# Parameters that only tell analytics where a link was clicked (newsletters, social media, ad
# platforms). No view or template reads them (tests/test_pagecache_bounds.py renders every stored
# page with and without them and compares the bytes), so a request with them gets the page
# without them: one stored copy, and a link in a newsletter is as fast as any other.
IGNORED_PREFIXES = ("utm_",)
IGNORED_PARAMETERS = frozenset(
    {"fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "yclid", "twclid", "igshid",
     "mc_cid", "mc_eid", "_ga", "_gl"}
)  # fmt: skip
# The address of a chapter as it was on a day (`/handreiking/<slug>/versie/<YYYY-MM-DD>/`).
VERSION_VIEW = "handreiking:chapter-version"


def canonical_query(request: HttpRequest) -> str | None:
    """The part of the query string this request's page depends on, in one spelling (sorted,
    percent-encoded alike); None when the page must not be stored.

    Which is safest for a parameter the page is not known to read (`?x=1`, a scanner's random
    strings)? Serving the stored page without it would be right only as long as no view reads
    it: the day a view starts reading one (a second page of /wijzigingen/, a filter), every such
    request would silently get the wrong page, and nothing would show it. Not storing fails
    safe: the view answers, rightly, every time; it costs a render (as search does), never
    memory, and floods are nginx's to limit. Only parameters we know no page reads
    (`IGNORED_PARAMETERS`) are dropped, and a used one given twice is not stored either (the
    view reads the last, but nobody's link says it twice)."""
    try:
        parameters = request.GET.lists()
    except SuspiciousOperation:  # more fields than Django parses: the view's to answer
        return None
    kept = []
    used = None
    for name, values in parameters:
        if name in IGNORED_PARAMETERS or name.startswith(IGNORED_PREFIXES):
            continue
        if used is None:
            used = USED_PARAMETERS.get(_view_name(request.path_info), frozenset())
        if name not in used or len(values) != 1:
            return None
        kept.append((name, values[0]))
    return urlencode(sorted(kept))


def _view_name(path: str) -> str | None:
    return _resolved(path, settings.ROOT_URLCONF)[0]


@lru_cache(maxsize=256)
def _resolved(path: str, urlconf: str) -> tuple[str | None, tuple]:
    """The URL name and keyword arguments of a path, kept: Django's resolver took 35 µs for a
    QR code's path (the admin's URLs come first), this under 1 µs, on every QR code of
    /voor-hr/. Bounded: addresses nobody links only push each other out."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None, ()  # a 404, which is never stored
    return match.view_name, tuple(match.kwargs.items())


def _bounded_path(path: str) -> bool:
    """Whether the path names its page in the one spelling the site links. One path part is
    free text that a view reads in many forms: the day of an earlier version, which the view
    answers with the same page for every spelling `date.fromisoformat` reads (2026-01-05,
    20260105, 2026-W02-1, 2026W021), for every day since the chapter's first publication. Only
    YYYY-MM-DD, as the site links it, is stored."""
    if "/versie/" not in path:
        return True
    view_name, kwargs = _resolved(path, settings.ROOT_URLCONF)
    if view_name != VERSION_VIEW:
        return True  # another page, or a 404
    day = dict(kwargs).get("day", "")
    try:
        return day == datetime.date.fromisoformat(day).isoformat()
    except ValueError:
        return True  # a 404


def page_key(request: HttpRequest, version: str) -> str | None:
    """The key of this request's page, or None when it is not to be stored: the request names a
    host we do not serve (Django answers that with 400 further on), or a query string or path
    the page does not read in that form (`canonical_query`, `_bounded_path`).

    GET and HEAD share a key: a HEAD answer is the GET answer without its body, and the server
    leaves the body out. Without PORTAL_BASE_URL, permanent links, QR codes, the feed and the API
    name the request's own scheme and host, so those are part of the key; with it, no page
    depends on them (handreiking.links), and a page prepared at publication (`warming`) serves
    every host the settings allow. PORTAL_BASE_URL is part of the key because it changes those
    links without changing the content version."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    if not _bounded_path(request.path_info):
        return None
    address = escape_uri_path(request.path)
    if request.META.get("QUERY_STRING"):
        query = canonical_query(request)
        if query is None:
            return None
        if query:
            address += "?" + query
    origin = ("", "") if settings.PORTAL_BASE_URL else (request.scheme, host)
    parts = (
        build_token(),
        version,
        *origin,
        settings.PORTAL_BASE_URL,
        address,
    )
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
