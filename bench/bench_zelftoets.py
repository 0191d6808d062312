"""Zelftoets benchmarks on PostgreSQL (127.0.0.1:5432, database `portal_bench`):

1. submissions per second through gunicorn with 16 concurrent clients (nothing may be lost);
2. the reviewers' list with 1,000,000 reflections: time to the first page.

Run: `make bench` or `.venv/bin/python bench/bench_zelftoets.py [--submissions N] [--rows N]`.
Loopback only; every loop is bounded in count and time."""

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "portal_bench"
ADMIN_URL = f"postgres://postgres@127.0.0.1:5432/{DB}"
ENV = {
    **os.environ,
    "DATABASE_URL": ADMIN_URL,
    "DJANGO_SECRET_KEY": "bench-secret-" + "x" * 40,
    "DJANGO_HTTPS": "0",
    "DJANGO_DEBUG": "0",
    "ZELFTOETS_RATE_LIMIT": "0",
    "DJANGO_LOG_LEVEL": "WARNING",
}


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)  # noqa: S603


def fresh_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{DB}"')
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def submissions(total: int, clients: int = 16, workers: int = 4, threads: int = 1) -> dict:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable, "-m", "gunicorn", "portal.wsgi:application",
            "-b", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
            "--log-level", "warning",
        ],
        cwd=ROOT, env=ENV,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/zelftoets/")
        response = conn.getresponse()
        page = response.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie"))[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        body = urllib.parse.urlencode(
            {
                "colleagues": "ja",
                "manager": "nee",
                "newspaper": "weet-niet",
                "topic": "werk",
                "text": "Benchmark: mail test@example.org of bel 06-12345678.",
                "csrfmiddlewaretoken": token,
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        }
        if shutil.which("wrk"):
            return run_wrk(port, body, headers, clients, seconds=15)
        return run_threads(port, body, headers, clients, total)
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_wrk(port: int, body: str, headers: dict, clients: int, seconds: int) -> dict:
    """wrk (C, a separate process) keeps the load generator's own CPU use small."""
    script = "\n".join(
        ['wrk.method = "POST"', f"wrk.body = {body!r}".replace("'", '"')]
        + [f'wrk.headers["{name}"] = "{value}"' for name, value in headers.items()]
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    output = subprocess.run(  # noqa: S603
        [shutil.which("wrk"), "-t2", f"-c{clients}", f"-d{seconds}s", "-s", handle.name,
         f"http://127.0.0.1:{port}/zelftoets/"],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout  # fmt: skip
    sent = int(re.search(r"(\d+) requests in", output)[1])
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: .*", output)
    ok = sent - (int(failed[1]) if failed else 0)
    return {"sent": sent, "ok": ok, "seconds": float(seconds), "tool": "wrk",
            "errors": errors[0] if errors else ""}  # fmt: skip


def run_threads(port: int, body: str, headers: dict, clients: int, total: int) -> dict:
    statuses: list[int] = []
    lock = threading.Lock()
    per_client = total // clients

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_client):
            connection.request("POST", "/zelftoets/", body=body, headers=headers)
            reply = connection.getresponse()
            reply.read()
            with lock:
                statuses.append(reply.status)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    elapsed = time.perf_counter() - started
    return {"sent": len(statuses), "ok": statuses.count(200), "seconds": elapsed,
            "tool": "Python-threads", "errors": ""}  # fmt: skip


def reviewer_list(rows: int, repeats: int = 15) -> dict:
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM handreiking_reflection")
        cursor.execute(
            """
            INSERT INTO handreiking_reflection
                (id, colleagues, manager, newspaper, topic, text, had_personal_data,
                 submitted_on, status)
            SELECT gen_random_uuid(),
                   (ARRAY['ja','nee','weet-niet'])[1 + (i %% 3)],
                   (ARRAY['ja','nee','weet-niet'])[1 + (i / 3 %% 3)],
                   (ARRAY['ja','nee','weet-niet'])[1 + (i / 9 %% 3)],
                   (ARRAY['','werk','reactie','netwerken','prive','anders'])[1 + (i %% 6)],
                   'Reflectie nummer ' || i || ': ik twijfelde over een bericht.',
                   i %% 17 = 0,
                   CURRENT_DATE - (i %% 365),
                   (ARRAY['nieuw','gelezen','gearchiveerd'])[1 + (i %% 3)]
            FROM generate_series(1, %s) AS i
            """,
            [rows],
        )
        cursor.execute("ANALYZE handreiking_reflection")
    reviewer, _ = User.objects.get_or_create(username="bench-beoordelaar", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Beoordelaars"))
    client = Client()
    client.force_login(reviewer)
    timings = {}
    for label, query in (
        ("eerste pagina", {}),
        ("gefilterd op status nieuw", {"status__exact": "nieuw"}),
        ("gefilterd op onderwerp", {"topic__exact": "werk"}),
    ):
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get("/admin/handreiking/reflection/", query)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        samples.sort()
        timings[label] = (statistics.median(samples), samples[int(len(samples) * 0.95) - 1])
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=4000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    fresh_database()
    result = submissions(args.submissions, workers=args.workers, threads=args.threads)
    rate = result["ok"] / result["seconds"]
    os.environ.update(ENV)
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DB}") as conn:
        stored = conn.execute("SELECT count(*) FROM handreiking_reflection").fetchone()[0]
    print(
        f"Zelftoets via gunicorn ({args.workers} workers x {args.threads} threads), "
        f"16 clients ({result['tool']}): "
        f"{result['ok']}/{result['sent']} "
        f"antwoorden 200 in {result['seconds']:.1f} s = {rate:.0f} inzendingen/s; "
        f"opgeslagen: {stored} (verloren: {max(0, result['ok'] - stored)}) {result['errors']}"
    )
    for label, (median, p95) in reviewer_list(args.rows).items():
        print(f"Beoordelaarslijst, {args.rows:,} reflecties, {label}: "
              f"mediaan {median:.0f} ms, p95 {p95:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
