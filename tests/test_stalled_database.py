"""A database server that stalls (a frozen or swapping host: its backends stop, its sockets stay
open) under load, played on PostgreSQL by stopping the backends of the test database only: every
page and every zelftoets is answered within 5 s, /healthz says so through the connections that
requests use, and the instance serves again within 5 s of the server."""

import contextlib
import os
import re
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import psycopg
import pytest
from django.db import connection

from handreiking.models import Chapter
from tests.servers import gunicorn

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ANSWERS = {"colleagues": "ja", "manager": "nee", "newspaper": "ja", "delen": "ja"}


def request(url: str, data: bytes | None = None, headers: dict | None = None):
    started = time.monotonic()
    prepared = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(prepared, timeout=30) as response:  # noqa: S310
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, time.monotonic() - started, body


class Stall:
    """Stops every backend of the test database, those open and those that start while it
    lasts (a stalled host's postmaster may still hand out new ones, which then stop too), and
    lets them go on at the end. It watches from the `postgres` database, so it never stops
    itself or the test's own connection."""

    def __init__(self):
        db = connection.settings_dict
        self.name = db["NAME"]
        self.dsn = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
        self.own = connection.cursor().connection.info.backend_pid
        self.stopped: set[int] = set()
        self.done = threading.Event()

    def backends(self, watcher) -> set[int]:
        rows = watcher.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_type = "
            "'client backend' AND pid <> %s",
            [self.name, self.own],
        ).fetchall()
        return {pid for (pid,) in rows}

    def __enter__(self) -> "Stall":
        self.watcher = psycopg.connect(self.dsn, autocommit=True)
        self.stop(self.backends(self.watcher))
        assert self.stopped
        self.thread = threading.Thread(target=self.keep_stopping, daemon=True)
        self.thread.start()
        return self

    def stop(self, pids: set[int]) -> None:
        for pid in pids - self.stopped:
            os.kill(pid, signal.SIGSTOP)
            self.stopped.add(pid)

    def keep_stopping(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as watcher:
            while not self.done.wait(0.02):
                self.stop(self.backends(watcher))

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join(timeout=10)
        for pid in self.stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self.watcher.close()


def test_stopped_backends_give_dutch_503s_within_5_seconds_and_the_instance_recovers():
    if connection.vendor != "postgresql":
        pytest.skip("A stalled database server is a PostgreSQL matter; SQLite lives in-process.")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    chapter = Chapter.objects.published().first().get_absolute_url()
    environment = {"DATABASE_URL": url, "ZELFTOETS_RATE_LIMIT": "0", "TRUSTED_PROXIES": "1"}
    with gunicorn(environment, workers=2) as base:
        page = urllib.request.urlopen(base + "/zelftoets/", timeout=30)  # noqa: S310
        cookie = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"])[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())[1]
        form = urllib.parse.urlencode({**ANSWERS, "csrfmiddlewaretoken": token}).encode()

        def submit(number: int):
            headers = {"Cookie": f"csrftoken={cookie}", "X-Forwarded-For": f"10.30.0.{number}"}
            return request(base + "/zelftoets/", form, headers)

        def load(calls: list) -> list:
            results: list = [None] * len(calls)

            def run(index: int) -> None:
                results[index] = calls[index]()

            threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            return results

        # Every worker thread holds a connection, as under load.
        calls = [lambda: request(base + chapter)] * 8 + [lambda: request(base + "/healthz")] * 4
        assert all(status == 200 for status, _s, _b in load(calls))
        with Stall() as stall:
            calls = (
                [lambda: request(base + chapter)] * 6
                + [lambda: request(base + "/healthz")] * 2
                + [lambda n=n: submit(n) for n in range(1, 5)]
            )
            # Two waves: the second finds the instance already knowing that the server stalled,
            # while new connections still find a backend that then stops.
            results = load(calls) + load(calls)
        assert len(stall.stopped) > 0
        for status, seconds, body in results:
            assert seconds < 5, f"{status} after {seconds:.1f} s"
            # A fresh connection may find a fresh backend; a kept one is cut and answered 503.
            assert status in (200, 503), status
            if status == 503 and "<html" in body:
                assert "Tijdelijk niet beschikbaar" in body
        assert any(status == 503 for status, _s, _b in results)
        # Within 5 s of the server, every answer is a normal one again.
        recovered = time.monotonic()
        while True:
            answers = load([lambda: request(base + chapter)] * 8 + [lambda: submit(200)])
            if all(status == 200 for status, _s, _b in answers):
                break
            assert time.monotonic() - recovered < 5, [status for status, _s, _b in answers]
