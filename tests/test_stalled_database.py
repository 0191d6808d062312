"""A database server that stalls (a frozen or swapping host: its backends stop, its sockets stay
open) under load, played on PostgreSQL by stopping the backends of the test database only: every
page and every zelftoets is answered within 5 s, /healthz says so through the connections that
requests use, and the instance serves again within 5 s of the server."""

import os
import re
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

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


def backends_of_this_database() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return [row[0] for row in cursor.fetchall()]


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
        stopped = backends_of_this_database()
        assert stopped
        for pid in stopped:
            os.kill(pid, signal.SIGSTOP)
        try:
            calls = (
                [lambda: request(base + chapter)] * 6
                + [lambda: request(base + "/healthz")] * 2
                + [lambda n=n: submit(n) for n in range(1, 5)]
            )
            results = load(calls)
        finally:
            for pid in stopped:
                os.kill(pid, signal.SIGCONT)
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
