"""For the benchmark only, never for production: gunicorn.conf.py with one change per worker,
chosen by BENCH_VARIANT, to measure what a part of the page cache costs or gains in one run.

- `ceiling`: the content version is read once per worker and then served from that copy, which
  is exactly what the portal must not do (a publish would not show): the price of never-stale.
- `unprepared`: the version read that doubles as the health check is a plain cursor read, not
  the hand-prepared libpq statement.
- `djangocheck`: Django's own health check (CONN_HEALTH_CHECKS, a `SELECT 1`) before the
  version read, instead of the read doubling as the check.
- `simple`: both off: per request, Django's health check and a plain cursor read.

Parts combine with `+`: `unprepared+djangocheck` switches both off (as `simple` does, on the
raw connection). The portal keeps a part only while it gains at least 10 % here
(handreiking.pagecache.keys; bench/RESULTS.md)."""

import os
import runpy
from pathlib import Path

PRODUCTION = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
globals().update({name: value for name, value in PRODUCTION.items() if not name.startswith("__")})

VARIANTS = {
    "ceiling": "zonder versie te lezen (alleen ter meting)",
    "unprepared": "zonder prepared statement",
    "djangocheck": "met Django's eigen gezondheidscheck",
    "simple": "gewone cursor na Django's gezondheidscheck",
}


def post_worker_init(worker) -> None:
    from django.db import connection

    from handreiking.pagecache import keys

    read = keys.content_version

    def cursor_read(conn) -> str:
        with conn.cursor() as cursor:
            cursor.execute(keys._version_sql())
            row = cursor.fetchone()
        return row[0] if row else ""

    def after_django_check() -> str:
        connection.close_if_health_check_failed()  # Django's `SELECT 1`, when due
        if connection.vendor != "postgresql":
            return plain_read()
        connection.ensure_connection()
        with connection.wrap_database_errors:
            return keys._read_on_libpq(connection.connection)

    def plain_read() -> str:
        with connection.cursor() as cursor:
            cursor.execute(keys._version_sql())
            row = cursor.fetchone()
        return row[0] if row else ""

    parts = os.environ["BENCH_VARIANT"].split("+")
    if unknown := set(parts) - set(VARIANTS):
        raise ValueError(f"BENCH_VARIANT: {unknown}; known: {', '.join(VARIANTS)}")
    # The middleware calls `keys.content_version()`, which calls `keys._read_on_libpq`.
    if "unprepared" in parts:
        keys._read_on_libpq = cursor_read
    if "djangocheck" in parts:
        keys.content_version = after_django_check
    if "simple" in parts:
        keys.content_version = plain_read
    if "ceiling" in parts:
        state = read()
        keys.content_version = lambda: state
