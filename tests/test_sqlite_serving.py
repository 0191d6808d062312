"""SQLite as the embedded default serving for real: gunicorn (gunicorn.conf.py, 2 workers) on a
fresh SQLite file. A burst of zelftoets submissions from several threads is answered 200 or
429, never 5xx; every acknowledged one is stored; readers and /healthz go on answering 200."""

import re
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing

import pytest

from tests.servers import ROOT, gunicorn, server_env

SUBMISSIONS = 40
THREADS = 8
ACKNOWLEDGED = "Je antwoorden zijn anoniem bewaard"
ANSWERS = {"colleagues": "ja", "manager": "nee", "newspaper": "weet-niet", "delen": "ja"}


@pytest.fixture
def sqlite_portal(tmp_path):
    """A migrated SQLite file (as `make run` makes one) and gunicorn serving it."""
    database = tmp_path / "portal.sqlite3"
    settings = {"DATABASE_URL": f"sqlite:///{database}", "TRUSTED_PROXIES": "1"}
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT, env=server_env(settings), check=True, timeout=300,
    )  # fmt: skip
    log = tmp_path / "gunicorn.log"
    with gunicorn(settings, workers=2, args=("--error-logfile", str(log))) as base:
        yield base, database, log


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except OSError as error:  # no answer at all: reset, refused, timed out
        return 0, repr(error)


def test_a_burst_of_submissions_on_sqlite_is_answered_and_kept(sqlite_portal):
    base, database, log = sqlite_portal
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        slug = db.execute("SELECT slug FROM handreiking_chapter ORDER BY number").fetchone()[0]
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    form = opener.open(base + "/zelftoets/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    jar = next(h for h in opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
    cookie = next(c.value for c in jar.cookiejar if c.name == "csrftoken")
    body = urllib.parse.urlencode({**ANSWERS, "text": "burst", "csrfmiddlewaretoken": token})

    answers: list[tuple[int, str]] = []
    reads: list[tuple[str, int]] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS + 1)
    done = threading.Event()

    def submit(thread: int) -> None:
        start.wait()
        for number in range(thread, SUBMISSIONS, THREADS):
            # Each from a computer of its own, as the proxy in front vouches: the portal keeps
            # one reflection per computer per period.
            headers = {"Cookie": f"csrftoken={cookie}", "X-Forwarded-For": f"10.23.0.{number + 1}"}
            status, text = fetch(base + "/zelftoets/", data=body.encode(), headers=headers)
            with lock:
                answers.append((status, text))

    def read() -> None:
        start.wait()
        while not done.is_set():
            for path in (f"/handreiking/{slug}/", "/healthz"):
                status, _text = fetch(base + path)
                with lock:
                    reads.append((path, status))

    writers = [threading.Thread(target=submit, args=(thread,)) for thread in range(THREADS)]
    reader = threading.Thread(target=read)
    for thread in [*writers, reader]:
        thread.start()
    for thread in writers:
        thread.join(timeout=180)
    done.set()
    reader.join(timeout=60)

    server_log = log.read_text()[-3000:] if log.exists() else ""
    assert len(answers) == SUBMISSIONS, server_log
    failed = [(status, text[:300]) for status, text in answers if status not in (200, 429)]
    assert not failed, (failed, server_log)
    # Every 200 comes from another computer, so every one of them is kept and says so.
    acknowledged = [status for status, text in answers if ACKNOWLEDGED in text]
    assert len(acknowledged) == [status for status, _ in answers].count(200)
    with closing(sqlite3.connect(database)) as db:
        stored = db.execute("SELECT count(*) FROM handreiking_heldreflection").fetchone()[0]
    assert stored == len(acknowledged)
    assert reads
    assert {status for _, status in reads} == {200}, (reads, server_log)
