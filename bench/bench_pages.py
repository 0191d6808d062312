"""Public pages side by side, in one run: the chapter page from the portal (gunicorn, 2 sync
workers, as the contract serves it) against the same bytes from whitenoise in the same gunicorn,
from nginx as a static file, and through the reference nginx (docs/nginx/handreiking.conf) with
its micro-cache; interleaved rounds, medians. Then: the first requests right after a publish,
queries per public page (a miss and a hit, with 3 and with 53 chapters), memory per worker.

PostgreSQL (database `portal_bench_pages`) and Redis (database 13) on 127.0.0.1, as in
production. Run: `make bench` or `.venv/bin/python bench/bench_pages.py [--seconds 5] [--rounds 3]`.
Loopback only; every loop is bounded in count and time."""

import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    HOST,
    ROOT,
    bench_env,
    free_port,
    fresh_database,
    gunicorn,
    have,
    rss_mib,
    wait_for_port,
    worker_pids,
    wrk,
)

DB = "portal_bench_pages"
REDIS_URL = f"redis://{HOST}:6379/13"
BASE_URL = "https://handreiking.intranet.rijksoverheid.nl"
STATIC_COPY = ROOT / "staticfiles" / "bench" / "hoofdstuk.html"
NGINX_CONF = ROOT / "docs" / "nginx" / "handreiking.conf"


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


@contextmanager
def nginx(tmp: Path, upstreams: tuple[int, int]):
    """The reference configuration as it is, with the bench's ports and paths (TLS left out),
    plus a plain static server for the same bytes. Yields (proxy port, static port)."""
    proxy_port, static_port = free_port(), free_port()
    conf = NGINX_CONF.read_text()
    replacements = [
        (r"server 127\.0\.0\.1:8001", f"server {HOST}:{upstreams[0]}"),
        (r"server 127\.0\.0\.1:8002", f"server {HOST}:{upstreams[1]}"),
        (r"/var/cache/nginx/handreiking", str(tmp / "cache")),
        (r"server \{\n    listen 80;.*?\n\}\n", ""),
        (r"listen 443 ssl http2;", f"listen {HOST}:{proxy_port};"),
        (r"\n    ssl_certificate[^\n]*", ""),
    ]
    for pattern, replacement in replacements:
        conf, count = re.subn(pattern, replacement, conf, flags=re.S)
        assert count >= 1, f"docs/nginx/handreiking.conf changed: {pattern} not found"
    (tmp / "handreiking.conf").write_text(conf)
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(f"""
{user}
worker_processes auto;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    # The same for the static server and the portal: no access log in the measurement.
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    include {tmp}/handreiking.conf;
    server {{
        listen {HOST}:{static_port};
        root {tmp}/static;
    }}
}}
""")
    server = subprocess.Popen(  # noqa: S603
        [shutil.which("nginx"), "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"]
    )
    try:
        wait_for_port(proxy_port)
        wait_for_port(static_port)
        yield proxy_port, static_port
    finally:
        server.terminate()
        server.wait(timeout=30)


def publish(chapter, text: str) -> None:
    chapter.body = chapter.body.split("\n\nPublicatie ")[0] + f"\n\nPublicatie {text}."
    chapter.save()


def after_publish(port: int, chapter, samples: int) -> dict:
    """Per sample: publish, then the first, second and third request (ms, end to end). The
    editor publishes from a process of its own, as the admin worker does in production, which
    prepares the pages (handreiking.pagecache.warming) and goes on preparing the rest in the
    background while the reader asks; "eerste, niet voorbereid" is the first request when
    nothing was prepared (the worker renders)."""
    from django.db import connections

    labels = ["eerste", "tweede", "derde"]
    timings: dict[str, list[float]] = {
        **{label: [] for label in labels},
        "eerste, niet voorbereid": [],
        "whitenoise, dezelfde bytes (ter vergelijking)": [],
    }
    path = chapter.get_absolute_url()
    context = multiprocessing.get_context("fork")
    for number in range(samples * 2):
        prepared = number < samples
        text = f"{number}-{time.time_ns()}"
        connections.close_all()  # the editor's process opens its own
        ours, theirs = context.Pipe()
        editor = context.Process(
            target=_publish_as_editor, args=(chapter.pk, text, prepared, theirs)
        )
        editor.start()
        assert ours.poll(60) and ours.recv() == "gepubliceerd", "the editor could not publish"
        marker = f"Publicatie {text}.".encode()
        for label in labels if prepared else ["eerste, niet voorbereid"]:
            started = time.perf_counter()
            status, body, _headers = get(port, path)
            timings[label].append((time.perf_counter() - started) * 1000)
            assert status == 200 and marker in body, "a stale page after a publish"
        started = time.perf_counter()
        get(port, "/static/bench/hoofdstuk.html")
        timings["whitenoise, dezelfde bytes (ter vergelijking)"].append(
            (time.perf_counter() - started) * 1000
        )
        editor.join(60)
        time.sleep(0.05)
    return {label: summary(values) for label, values in timings.items()}


def _publish_as_editor(pk: int, text: str, prepared: bool, pipe) -> None:
    """In the editor's process: publish, say so once the save returned (as the admin answers
    the editor), then let the background preparation finish before leaving."""
    from django.conf import settings
    from django.db import connections

    from handreiking.models import Chapter

    settings.PAGE_CACHE_WARM = prepared
    publish(Chapter.objects.get(pk=pk), text)
    pipe.send("gepubliceerd")
    for thread in threading.enumerate():
        if thread.name == "pagecache-warm":
            thread.join(timeout=60)
    connections.close_all()


def in_process_first_render(chapter, samples: int) -> dict:
    """The same, inside Django (no network, no gunicorn), with warming off: what a miss costs
    the worker that renders it (a page nobody prepared)."""
    from django.conf import settings
    from django.test import Client

    settings.PAGE_CACHE_WARM = False
    client, timings = Client(), []
    for number in range(samples):
        publish(chapter, f"intern-{number}")
        started = time.perf_counter()
        assert client.get(chapter.get_absolute_url(), HTTP_HOST=HOST).status_code == 200
        timings.append((time.perf_counter() - started) * 1000)
    return summary(timings)


def hit_cost(path: str, calls: int = 2000) -> dict:
    """Inside one process, no network: a stored page through Django's whole handler, the same
    bytes from whitenoise, and the content-version read alone (what never-stale costs)."""
    import io

    from django.core.handlers.wsgi import WSGIHandler
    from django.db import close_old_connections

    from handreiking.pagecache.keys import content_version

    handler = WSGIHandler()

    def call(url: str) -> None:
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": url, "QUERY_STRING": "", "SERVER_NAME": HOST,
            "SERVER_PORT": "80", "HTTP_HOST": HOST, "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.errors": sys.stderr,
        }  # fmt: skip
        body = handler(environ, lambda status, headers, exc_info=None: None)
        b"".join(body)
        body.close()

    def per_call(function, *args) -> float:
        for _ in range(50):
            function(*args)
        started = time.perf_counter()
        for _ in range(calls):
            function(*args)
        return (time.perf_counter() - started) / calls * 1e6

    def version_read() -> None:
        close_old_connections()  # as at the start of every request: the health check is due
        content_version()

    return {
        "hit_us": per_call(call, path),
        "whitenoise_us": per_call(call, "/static/bench/hoofdstuk.html"),
        "version_us": per_call(version_read),
    }


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[max(0, int(len(ordered) * 0.95) - 1)],
        "n": len(ordered),
    }


def query_counts() -> list[dict]:
    """Queries per public page: a miss right after a version bump, and a stored hit."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from handreiking.models import Chapter, ContentVersion

    def pages() -> list[str]:
        first = Chapter.objects.published().order_by("number").first()
        return [
            "/", first.get_absolute_url(), "/wijzigingen/", "/wijzigingen/feed/", "/voor-hr/",
            f"/voor-hr/qr/{first.pk}.svg", "/toegankelijkheid/", "/privacy/",
            "/api/v1/hoofdstukken", f"/api/v1/hoofdstukken/{first.slug}",
        ]  # fmt: skip

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, HTTP_HOST=HOST).status_code == 200
        return len(captured)

    client, rows = Client(), {}
    for label in ("klein", "groot"):
        if label == "groot":
            for number in range(200, 250):
                # Through the model: the write path does the rest (the contract's way).
                Chapter(
                    number=number, title=f"Extra {number}", slug=f"extra-{number}",
                    body=f"## Kop {number}\n\nTekst {number}.", is_published=True,
                ).save()  # fmt: skip
        chapters = Chapter.objects.count()
        for url in pages():
            ContentVersion.objects.bump()
            miss = count(url)
            count(url)
            hit = count(url)
            rows.setdefault(url, {})[label] = {"chapters": chapters, "miss": miss, "hit": hit}
    return [{"page": url, **values} for url, values in rows.items()]


def load_with_publishes(url: str, chapter, seconds: int) -> dict:
    """wrk on the chapter page while an editor publishes it every second."""
    stop = threading.Event()

    def editor() -> None:
        number = 0
        while not stop.wait(1.0) and number < seconds + 5:
            publish(chapter, f"onder-last-{number}")
            number += 1

    thread = threading.Thread(target=editor)
    thread.start()
    try:
        return wrk(url, seconds=seconds)
    finally:
        stop.set()
        thread.join(timeout=30)
        # This process prepared pages after each publish: let the last finish before it times
        # requests again (its threads would share the GIL with the measuring client).
        for warming in threading.enumerate():
            if warming.name == "pagecache-warm":
                warming.join(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    if not have("wrk"):
        sys.exit("wrk ontbreekt: `make bench` installeert het (apt-get install wrk).")
    env = bench_env(DB, REDIS_URL=REDIS_URL, PORTAL_BASE_URL=BASE_URL, TRUSTED_PROXIES="1")
    fresh_database(DB, env)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    setup_django(env)
    from django.test import Client

    from handreiking.models import Chapter

    chapter = Chapter.objects.get(number=1)
    path = chapter.get_absolute_url()
    page = Client().get(path, HTTP_HOST=HOST).content
    STATIC_COPY.parent.mkdir(parents=True, exist_ok=True)
    STATIC_COPY.write_bytes(page)
    result: dict = {"page_bytes": len(page), "workers": args.workers, "rounds": args.rounds,
                    "seconds": args.seconds, "runs": {}}  # fmt: skip
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            (tmp / "static" / "bench").mkdir(parents=True)
            (tmp / "static" / "bench" / "hoofdstuk.html").write_bytes(page)
            measure(args, env, tmp, chapter, page, result)
    finally:
        STATIC_COPY.unlink(missing_ok=True)
    result["queries"] = query_counts()
    report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


def measure(args, env: dict, tmp: Path, chapter, page: bytes, result: dict) -> None:
    """`portaal`/`whitenoise`: 2 sync workers, as the issue measured; the `(gunicorn.conf.py)`
    pair: the same 2 workers as production starts them (worker class and threads from
    gunicorn.conf.py). nginx proxies to two instances started as production starts them."""
    path = chapter.get_absolute_url()
    static = "/static/bench/hoofdstuk.html"
    variant = str(Path(__file__).resolve().parent / "gunicorn_variant.py")
    ceiling = {**env, "BENCH_VARIANT": "ceiling"}
    with (
        gunicorn(env, workers=args.workers, sync=True) as (app, master),
        gunicorn(ceiling, workers=args.workers, sync=True, config=variant) as (fixed, _fixed),
        gunicorn(env, workers=args.workers) as (first, first_master),
        gunicorn(env, workers=args.workers) as (second, _second_master),
        nginx(tmp, (first, second)) if have("nginx") else _none() as proxy,
    ):
        targets = {
            "whitenoise": (app, static),
            "portaal": (app, path),
            "portaal zonder versie te lezen (alleen ter meting)": (fixed, path),
            "whitenoise (gunicorn.conf.py)": (first, static),
            "portaal (gunicorn.conf.py)": (first, path),
        }
        if proxy:
            targets["nginx-statisch"] = (proxy[1], "/bench/hoofdstuk.html")
            targets["nginx-microcache"] = (proxy[0], path)
        for name, (port, url) in targets.items():
            for _ in range(6):  # warm: every worker stores the page
                status, body, _headers = get(port, url)
            assert status == 200 and body == page, f"{name} does not serve the same bytes"
        runs: dict[str, list[dict]] = {name: [] for name in targets}
        for _round in range(args.rounds):
            for name, (port, url) in targets.items():
                runs[name].append(wrk(f"http://{HOST}:{port}{url}", seconds=args.seconds))
        runs["portaal, publicatie elke seconde"] = [
            load_with_publishes(f"http://{HOST}:{app}{path}", chapter, args.seconds)
        ]
        result["runs"] = {name: _medians(values) for name, values in runs.items()}
        result["after_publish"] = after_publish(app, chapter, args.samples)
        result["rss_mib"] = {
            "sync": [round(rss_mib(pid), 1) for pid in worker_pids(master)],
            "gunicorn.conf.py": [round(rss_mib(pid), 1) for pid in worker_pids(first_master)],
        }
    result["in_process_first_render"] = in_process_first_render(chapter, args.samples)
    result["hit_cost"] = hit_cost(path)


@contextmanager
def _none():
    yield None


def _medians(values: list[dict]) -> dict:
    return {
        "rps": statistics.median(v["rps"] for v in values),
        "p50": statistics.median(v["p50"] for v in values),
        "p99": statistics.median(v["p99"] for v in values),
        "all_rps": [round(v["rps"]) for v in values],
        "non2xx": sum(v["non2xx"] for v in values),
        "socket_errors": "; ".join(v["socket_errors"] for v in values if v["socket_errors"]),
    }


def report(result: dict) -> None:
    runs = result["runs"]
    base = runs["whitenoise"]["rps"]
    print(
        f"Hoofdstukpagina ({result['page_bytes']} bytes), {result['workers']} sync workers, "
        f"wrk 16 verbindingen, keep-alive uit, mediaan van {result['rounds']} rondes:"
    )
    for name, run in runs.items():
        print(
            f"  {name:<34} {run['rps']:>8.0f} req/s  p50 {run['p50']:.2f} ms  "
            f"p99 {run['p99']:.2f} ms  ({run['rps'] / base:.2f}x whitenoise) {run['all_rps']}"
        )
    if "nginx-statisch" in runs:
        ratio = runs["nginx-microcache"]["rps"] / runs["nginx-statisch"]["rps"]
        print(f"  nginx-microcache / nginx-statisch: {ratio:.2f}x")
    for label, values in result["after_publish"].items():
        print(f"Na publicatie, {label} verzoek: mediaan {values['median']:.2f} ms, "
              f"p95 {values['p95']:.2f} ms")  # fmt: skip
    first = result["in_process_first_render"]
    print(f"Na publicatie, eerste render in het proces: mediaan {first['median']:.2f} ms, "
          f"p95 {first['p95']:.2f} ms")  # fmt: skip
    cost = result["hit_cost"]
    print(
        f"In het proces: opgeslagen pagina {cost['hit_us']:.0f} µs, whitenoise "
        f"{cost['whitenoise_us']:.0f} µs, waarvan inhoudsversie lezen {cost['version_us']:.0f} µs"
    )
    print(f"Geheugen per worker (RSS): {result['rss_mib']} MiB")
    for row in result["queries"]:
        print(f"  queries {row['page']}: " + ", ".join(
            f"{v['chapters']} hoofdstukken: {v['miss']} (mis) / {v['hit']} (opgeslagen)"
            for k, v in row.items() if k != "page"))  # fmt: skip


if __name__ == "__main__":
    main()
