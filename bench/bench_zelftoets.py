"""Zelftoets benchmarks on PostgreSQL (127.0.0.1:5432, database `portal_bench`):

1. submissions per second through gunicorn with 16 concurrent clients (wrk posting the form
   with a CSRF cookie and token, everyone sharing their answers, each from its own computer as
   one trusted proxy vouches), with the 16 KB padding in place; every submission answered 200
   must be stored (held until its period ends);
2. where the time of a submission goes (py-spy over the gunicorn workers, with --profile);
3. the reviewers' list with 1,000,000 released reflections: time to the first page.

Run: `make bench` or `.venv/bin/python bench/bench_zelftoets.py [--seconds 15] [--rows N]`.
Loopback only; every loop is bounded in count and time."""

import argparse
import collections
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import HOST, ROOT, bench_env, fresh_database, gunicorn, have, manage, wrk  # noqa: E402

DB = "portal_bench"
# One proxy in front that vouches for each client's address: every wrk request comes from its
# own computer (a second one from the same computer in a period would not be kept).
ENV = bench_env(
    DB, ZELFTOETS_RATE_LIMIT="0", TRUSTED_PROXIES="1", REDIS_URL=f"redis://{HOST}:6379/13"
)
ANSWERS = {
    "colleagues": "ja",
    "manager": "nee",
    "newspaper": "weet-niet",
    "topic": "werk",
    "delen": "ja",
    "text": "Benchmark: mail test@example.org of bel 06-12345678.",
}


def form_and_token(port: int) -> tuple[str, dict]:
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request("GET", "/zelftoets/")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie"))[1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    body = urllib.parse.urlencode({**ANSWERS, "csrfmiddlewaretoken": token})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Referer": f"http://{HOST}:{port}/zelftoets/",
    }
    return body, headers


# Each wrk thread numbers its requests; thread and number make a distinct forwarded address.
_DISTINCT_SOURCES = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local sent = 0
function request()
  sent = sent + 1
  wrk.headers["X-Forwarded-For"] = string.format(
    "10.%d.%d.%d", id, math.floor(sent / 256) % 256, sent % 256)
  return wrk.format()
end
"""


def lua_script(body: str, headers: dict) -> str:
    lines = ['wrk.method = "POST"', f"wrk.body = {json.dumps(body)}"]
    lines += [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    lines.append(_DISTINCT_SOURCES)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write("\n".join(lines))
    return handle.name


def stored_count() -> int:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{HOST}:5432/{DB}") as conn:
        return conn.execute(
            "SELECT (SELECT count(*) FROM handreiking_reflection)"
            " + (SELECT count(*) FROM handreiking_heldreflection)"
        ).fetchone()[0]


def submissions(seconds: int, server: str, profile: Path | None) -> dict:
    """`server`: the number of workers as gunicorn.conf.py runs them, or sync:N."""
    sync, workers = server.startswith("sync:"), int(server.removeprefix("sync:"))
    # Each run starts a new period (wrk numbers its computers from 1 again) and, as after every
    # release, from rewritten tables.
    manage(ENV, "release_reflections", "--close-period")
    with gunicorn(ENV, workers=workers, sync=sync) as (port, master):
        body, headers = form_and_token(port)
        script = lua_script(body, headers)
        before = stored_count()
        spy = None
        if profile:
            spy = subprocess.Popen(  # noqa: S603
                [str(Path(sys.executable).parent / "py-spy"), "record", "--subprocesses",
                 "--pid", str(master), "--duration", str(max(1, seconds - 2)), "--rate", "200",
                 "--format", "raw", "--output", str(profile), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        run = wrk(f"http://{HOST}:{port}/zelftoets/", seconds=seconds, script=script)
        if spy:
            spy.wait(timeout=60)
        os.unlink(script)
    ok = run["sent"] - run["non2xx"]
    stored = stored_count() - before
    return {**run, "ok": ok, "stored": stored, "lost": max(0, ok - stored), "workers": server,
            "rate": ok / seconds}  # fmt: skip


# Where a sample's time is counted: the deepest frame on its stack that one of these names.
PARTS = [
    ("pagecache/keys.py", "content version read (libpq, waiting for PostgreSQL)"),
    ("psycopg/", "database: driver and waiting for PostgreSQL"),
    ("zelftoets/scrubbing.py", "scrubbing personal data"),
    ("zelftoets/release.py", "holding (Python side)"),
    ("django/template/", "template rendering"),
    ("zelftoets/padding.py", "padding to 16 KB"),
    ("middleware/csrf.py", "CSRF check"),
    ("django/forms/", "form validation"),
    ("zelftoets/forms.py", "form validation"),
    ("zelftoets/", "zelftoets views and advice"),
    ("django/", "Django request cycle and middleware"),
    ("handreiking/", "other portal code"),
    ("gunicorn/", "gunicorn: accept, parse, write"),
]


def where_time_goes(raw: Path, top: int = 12) -> list[tuple[str, float]]:
    """Share of the workers' busy samples per part of a submission (py-spy's raw format: one
    stack per line, root first, then the number of samples)."""
    totals: collections.Counter = collections.Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        if not any("handle_request" in frame or "handle (" in frame for frame in frames):
            continue  # the arbiter, or a worker waiting for a connection
        label = next(
            (name for frame in reversed(frames) for marker, name in PARTS if marker in frame),
            "other (Python runtime, sockets)",
        )
        totals[label] += int(count)
    busy = sum(totals.values())
    return [(label, n / busy) for label, n in totals.most_common(top)] if busy else []


def reviewer_list(rows: int, repeats: int = 15) -> dict:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.test import Client

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM handreiking_heldreflection")
        cursor.execute("DELETE FROM handreiking_reflection")
        cursor.execute(
            """
            INSERT INTO handreiking_reflection
                (id, colleagues, manager, newspaper, topic, text, had_personal_data,
                 released_week, status)
            SELECT gen_random_uuid(),
                   (ARRAY['ja','nee','weet-niet'])[1 + (i %% 3)],
                   (ARRAY['ja','nee','weet-niet'])[1 + (i / 3 %% 3)],
                   (ARRAY['ja','nee','weet-niet'])[1 + (i / 9 %% 3)],
                   (ARRAY['','werk','reactie','netwerken','prive','anders'])[1 + (i %% 6)],
                   'Reflectie nummer ' || i || ': ik twijfelde over een bericht.',
                   i %% 17 = 0,
                   date_trunc('week', CURRENT_DATE - (i / 5 %% 365))::date,
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
            response = client.get("/admin/handreiking/reflection/", query, HTTP_HOST=HOST)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        samples.sort()
        timings[label] = {
            "median": statistics.median(samples),
            "p95": samples[int(len(samples) * 0.95) - 1],
        }
    return timings


def _describe(server: str) -> str:
    if server.startswith("sync:"):
        return f"{server.removeprefix('sync:')} sync workers"
    return f"{server} workers zoals gunicorn.conf.py ze start"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--workers", nargs="+", default=["2", "4", "sync:4"], help="N (gunicorn.conf.py) or sync:N"
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--profile", action="store_true", help="py-spy over the workers")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    if not have("wrk"):
        sys.exit("wrk ontbreekt: `make bench` installeert het (apt-get install wrk).")
    fresh_database(DB, ENV)
    result: dict = {"runs": [], "profile": []}
    if args.profile:
        # A run of its own: sampling costs the workers some time, so it is not one of the rounds.
        profile = Path(tempfile.mkdtemp()) / "zelftoets.txt"
        submissions(min(args.seconds, 10), args.workers[0], profile)
        result["profile"] = where_time_goes(profile) if profile.exists() else []
        print(f"Waar de tijd van een inzending heen gaat ({_describe(args.workers[0])}, py-spy):")
        for label, share in result["profile"]:
            print(f"  {share:6.1%}  {label}")
    for _number in range(args.rounds):
        for workers in args.workers:
            run = submissions(args.seconds, workers, None)
            result["runs"].append(run)
            print(
                f"Zelftoets via gunicorn ({_describe(workers)}), 16 clients (wrk, "
                f"{args.seconds} s): {run['ok']}/{run['sent']} antwoorden 200 = "
                f"{run['rate']:.0f} inzendingen/s, p50 {run['p50']:.1f} ms, "
                f"p99 {run['p99']:.1f} ms; opgeslagen {run['stored']} (verloren: {run['lost']})"
                f" {run['socket_errors']}",
                flush=True,
            )
    result["reviewer_list"] = reviewer_list(args.rows)
    result["rows"] = args.rows
    for label, values in result["reviewer_list"].items():
        print(f"Beoordelaarslijst, {args.rows:,} reflecties, {label}: "
              f"mediaan {values['median']:.0f} ms, p95 {values['p95']:.0f} ms")  # fmt: skip
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
