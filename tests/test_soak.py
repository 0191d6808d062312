"""The soak script (bench/soak.py) in a short run: two real gunicorn instances on PostgreSQL and
Redis under mixed load with publishes, no errors, and the report written where asked. Timings
are reported by the script, never asserted here (the machine is shared)."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = "redis://127.0.0.1:6379/12"

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="the soak runs on PostgreSQL only (DATABASE_URL=postgres://…)",
)


@pytest.fixture
def soak_database():
    """A database of its own next to the test database, dropped afterwards."""
    name = f"{urlparse(DATABASE_URL).path.lstrip('/') or 'portal'}_soak"
    yield name
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_short_soak_has_no_errors_and_writes_its_report(tmp_path, soak_database):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis runs nowhere on 127.0.0.1:6379")
    report = tmp_path / "SOAK.md"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    done = subprocess.run(  # noqa: S603
        [sys.executable, "bench/soak.py", "--seconds", "10", "--clients", "3",
         "--database", soak_database, "--redis-url", REDIS_URL, "--output", str(report)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    text = report.read_text()
    assert "errors (5xx or connection): **0** (target 0)" in text
    assert "other unexpected status: 0" in text
    assert "stale or failed pages right after: 0" in text
    for kind in ("hoofdstuk", "startpagina", "zoeken", "api", "zelftoets", "publicatie"):
        assert f"| {kind} | " in text
    assert "## Memory per worker (RSS, MiB)" in text
    assert "verdict: passed" in text
