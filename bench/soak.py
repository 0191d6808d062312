"""Soak test: two portal instances (two gunicorn processes as production starts them, on two
ports, sharing one PostgreSQL database and one Redis) under mixed load for 5 minutes: chapter
pages, the home page, search, the API and zelftoets submissions, from a small pool of client
threads, while an editor publishes a chapter every so often (through the ORM, as the contract's
`chapter.body = …; chapter.save()`). After each publish, both instances must serve the new text.

Reports total requests, errors (any 5xx or connection error; the target is zero), answers with an
unexpected status, stale pages after a publish, p50/p99 per kind of request, and each worker's RSS
at the start (after a warm-up) and at the end; writes bench/SOAK.md (or --output). Exits 1 when
anything went wrong. Like nginx in front of the portal (docs/nginx/handreiking.conf), every request
uses a new connection; the zelftoets rate limit is off for these instances.

PostgreSQL (database `portal_soak`, dropped and created here) and Redis (database 13, flushed)
on 127.0.0.1. Run: `make soak` or `.venv/bin/python bench/soak.py [--seconds 300] [--clients 6]`.
Loopback only; every loop is bounded in count and time."""

import argparse
import http.client
import os
import random
import re
import sys
import threading
import time
import urllib.parse
from collections import Counter
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    HOST,
    ROOT,
    bench_env,
    fresh_database,
    gunicorn,
    machine,
    rss_mib,
    worker_pids,
)
from run import versions  # noqa: E402

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "SOAK.md"
# How often each kind of request comes, out of 100.
MIX = {"hoofdstuk": 40, "startpagina": 15, "zoeken": 15, "api": 15, "zelftoets": 15}
QUERIES = ["twitteren", "mag ik als ambtenaar twitteren", "integriteit", "prive", "sociale media",
           "leidinggevende", "gedragscode", "krantentest", "xyzzy"]  # fmt: skip
ANSWERS = {
    "colleagues": "ja",
    "manager": "nee",
    "newspaper": "weet-niet",
    "topic": "werk",
    "delen": "ja",
    "text": "Duurtest: mail test@example.org of bel 06-12345678.",
}
MARKER = "\n\nDuurtestpublicatie "


class Tally:
    """What the clients saw, shared by every thread (one lock; appends are cheap)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {kind: [] for kind in [*MIX, "publicatie"]}
        self.errors: Counter = Counter()
        self.unexpected: Counter = Counter()
        self.failures: Counter = Counter()  # what went wrong, for the report
        self.stale = 0

    def record(self, kind: str, ms: float, status: int | None, what: str) -> None:
        with self.lock:
            self.latencies[kind].append(ms)
            if status is None or status >= 500:
                self.errors[kind] += 1
                self.failures[f"{status or 'verbinding'} {what}"] += 1
            elif status != 200:
                self.unexpected[kind] += 1
                self.failures[f"{status} {what}"] += 1


def request(
    port: int, method: str, path: str, body: str | None = None, headers: dict | None = None
) -> tuple[int, bytes, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(
            method, path, body=body, headers={"Connection": "close", **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, response.read(), response
    finally:
        connection.close()


def zelftoets_form(port: int) -> tuple[str, dict]:
    """A CSRF cookie and token (valid on both instances: they share the secret), and the body."""
    _status, page, response = request(port, "GET", "/zelftoets/")
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", ""))[1]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1].decode()
    body = urllib.parse.urlencode({**ANSWERS, "csrfmiddlewaretoken": token})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Referer": f"http://{HOST}:{port}/zelftoets/",
    }
    return body, headers


def pick(kind: str, slugs: list[str], rng: random.Random) -> str:
    if kind == "hoofdstuk":
        return f"/handreiking/{rng.choice(slugs)}/"
    if kind == "startpagina":
        return "/"
    if kind == "zoeken":
        return "/zoeken/?" + urllib.parse.urlencode({"q": rng.choice(QUERIES)})
    return rng.choice([
        "/api/v1/hoofdstukken",
        f"/api/v1/hoofdstukken/{rng.choice(slugs)}",
        "/api/v1/zoeken?" + urllib.parse.urlencode({"q": rng.choice(QUERIES)}),
    ])  # fmt: skip


def client(number: int, ports: list[int], slugs: list[str], deadline: float, tally: Tally) -> None:
    """One reader after another, each request to either instance (as a load balancer would)."""
    rng = random.Random(number)  # noqa: S311 (a load mix, not a secret)
    form = zelftoets_form(ports[number % len(ports)])
    kinds, weights = list(MIX), list(MIX.values())
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        port = rng.choice(ports)
        method, path, body, headers = "GET", "", None, None
        if kind == "zelftoets":
            method, path, (body, headers) = "POST", "/zelftoets/", form
        else:
            path = pick(kind, slugs, rng)
        started = time.perf_counter()
        try:
            status, _page, _response = request(port, method, path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            status, path = None, f"{path} ({type(error).__name__})"
        tally.record(kind, (time.perf_counter() - started) * 1000, status, f"{method} {path}")


def editor(ports: list[int], interval: float, deadline: float, tally: Tally) -> int:
    """Publish a chapter every `interval` seconds; then both instances must show it at once."""
    from handreiking.models import Chapter

    published = 0
    due = time.monotonic() + interval
    while due < deadline - 1:
        time.sleep(max(0.0, due - time.monotonic()))
        due += interval
        chapter = Chapter.objects.filter(is_published=True).order_by("number").first()
        text = f"{published}-{time.time_ns()}"
        started = time.perf_counter()
        chapter.body = chapter.body.split(MARKER)[0] + f"{MARKER}{text}."
        chapter.save()
        tally.record("publicatie", (time.perf_counter() - started) * 1000, 200, "publicatie")
        published += 1
        for port in ports:
            try:
                status, page, _response = request(port, "GET", chapter.get_absolute_url())
            except (OSError, http.client.HTTPException):
                status, page = None, b""
            if status != 200 or f"Duurtestpublicatie {text}.".encode() not in page:
                with tally.lock:
                    tally.stale += 1
                    tally.failures[f"verouderd of fout ({status}) na publicatie"] += 1
    return published


def memory(masters: list[int]) -> dict[tuple[int, int], float]:
    return {(n, pid): rss_mib(pid) for n, master in enumerate(masters, 1)
            for pid in worker_pids(master)}  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))] if values else 0


def soak(args, env: dict[str, str]) -> dict:
    from handreiking.models import Chapter

    slugs = list(Chapter.objects.filter(is_published=True).values_list("slug", flat=True))
    tally = Tally()
    with ExitStack() as stack:
        servers = [stack.enter_context(gunicorn(env, workers=args.workers)) for _ in range(2)]
        ports, masters = [port for port, _ in servers], [master for _, master in servers]
        # Warm-up: every worker has rendered and stored pages before the first RSS reading.
        for port in ports:
            for _ in range(args.workers * 8):
                for path in ["/", *(f"/handreiking/{slug}/" for slug in slugs), "/zoeken/?q=media",
                             "/api/v1/hoofdstukken"]:  # fmt: skip
                    request(port, "GET", path)
        start_memory = memory(masters)
        started = time.monotonic()
        deadline = started + args.seconds
        clients = [
            threading.Thread(target=client, args=(n, ports, slugs, deadline, tally))
            for n in range(args.clients)
        ]
        for thread in clients:
            thread.start()
        interval = min(args.publish_every, max(2.0, args.seconds / 4))
        published = editor(ports, interval, deadline, tally)
        for thread in clients:
            thread.join(timeout=args.seconds + 60)
        elapsed = time.monotonic() - started
        end_memory = memory(masters)
    return {
        "tally": tally,
        "elapsed": elapsed,
        "published": published,
        "interval": interval,
        "start_memory": start_memory,
        "end_memory": end_memory,
        "chapters": len(slugs),
    }


def report(args, result: dict) -> tuple[str, bool]:
    tally: Tally = result["tally"]
    total = sum(len(values) for kind, values in tally.latencies.items() if kind != "publicatie")
    errors, unexpected = sum(tally.errors.values()), sum(tally.unexpected.values())
    ok = errors == 0 and unexpected == 0 and tally.stale == 0 and total > 0
    found = versions()
    lines = [
        "# Soak test",
        "",
        f"Written by `make soak` (`bench/soak.py`) on {datetime.now():%Y-%m-%d %H:%M}: "
        f"{result['elapsed']:.0f} s, two portal instances (gunicorn.conf.py, {args.workers} "
        f"workers each) on one PostgreSQL database and one Redis, {args.clients} client threads "
        f"(a new connection per request, as nginx does), a publish every "
        f"{result['interval']:.0f} s; {result['chapters']} published chapters. Everything on "
        "127.0.0.1; timings are those of a shared machine, not a target.",
        "",
        "Machine: "
        + ", ".join(f"{k} {v}" for k, v in machine().items())
        + ". Versions: "
        + ", ".join(f"{k} {v}" for k, v in found.items())
        + ".",
        "",
        "## Result",
        "",
        f"- requests: {total:,} ({total / max(result['elapsed'], 1):.0f}/s)",
        f"- errors (5xx or connection): **{errors}** (target 0)",
        f"- other unexpected status: {unexpected}",
        f"- publishes: {result['published']}; stale or failed pages right after: {tally.stale}",
        f"- verdict: {'passed' if ok else '**failed**'}",
        "",
        "| kind | requests | errors | unexpected | p50 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, values in tally.latencies.items():
        lines.append(
            f"| {kind} | {len(values):,} | {tally.errors[kind]} | {tally.unexpected[kind]} | "
            f"{percentile(values, 0.5):.1f} | {percentile(values, 0.99):.1f} |"
        )
    lines += ["", "## Memory per worker (RSS, MiB)", ""]
    lines += ["| instance | worker | start | end | growth |", "|---|---:|---:|---:|---:|"]
    ends = result["end_memory"]
    for (instance, pid), start in sorted(result["start_memory"].items()):
        end = ends.get((instance, pid))
        if end is None:
            lines.append(f"| {instance} | {pid} | {start:.1f} | replaced | |")
        else:
            lines.append(f"| {instance} | {pid} | {start:.1f} | {end:.1f} | {end - start:+.1f} |")
    for instance, pid in sorted(set(ends) - set(result["start_memory"])):
        lines.append(f"| {instance} | {pid} (new) | | {ends[(instance, pid)]:.1f} | |")
    if tally.failures:
        lines += ["", "## What went wrong (most frequent first)", ""]
        lines += [f"- {count}× {what}" for what, count in tally.failures.most_common(15)]
    return "\n".join(lines) + "\n", ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=300, help="how long (default 300)")
    parser.add_argument("--clients", type=int, default=6, help="client threads (default 6)")
    parser.add_argument("--workers", type=int, default=2, help="workers per instance")
    parser.add_argument("--publish-every", type=float, default=30.0, help="seconds between")
    parser.add_argument("--database", default="portal_soak", help="dropped and created here")
    parser.add_argument("--redis-url", default=f"redis://{HOST}:6379/13", help="flushed here")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the report (Markdown)")
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.database):
        parser.error("--database: lowercase letters, digits and underscores")
    env = bench_env(args.database, REDIS_URL=args.redis_url, ZELFTOETS_RATE_LIMIT="0")
    fresh_database(args.database, env)
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    text, ok = report(args, soak(args, env))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print(text)
    print(f"Geschreven: {args.output}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
