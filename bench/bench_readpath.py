"""The content-version read that every public page costs, side by side in one run: the chapter
page through gunicorn.conf.py's workers (gthread, as production starts them) from the portal as
it is and from each variant in bench/gunicorn_variant.py, against the same bytes from whitenoise
in the same gunicorn; interleaved rounds (each round in another order), medians; on PostgreSQL
and on SQLite. Then the first request right after a publish (pages prepared at publication).

PostgreSQL (database `portal_bench_readpath`), a SQLite file in a temporary folder, and Redis
(database 13) on 127.0.0.1. Run: `make bench` or `.venv/bin/python bench/bench_readpath.py
[--seconds 5] [--rounds 3] [--samples 10] [--databases postgresql sqlite]`. Loopback only; every
loop is bounded in count and time."""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_pages import STATIC_COPY, after_publish, get, setup_django  # noqa: E402
from common import HOST, ROOT, bench_env, fresh_database, gunicorn, have, manage, wrk  # noqa: E402

sys.path.insert(0, str(ROOT))
from gunicorn_variant import VARIANTS  # noqa: E402

DB = "portal_bench_readpath"
REDIS_URL = f"redis://{HOST}:6379/13"
BASE_URL = "https://handreiking.intranet.rijksoverheid.nl"
STATIC = "/static/bench/hoofdstuk.html"
PORTAL = "portaal"
# Variants whose code path on SQLite is the portal's own (no libpq, no health check query).
SAME_ON_SQLITE = {"unprepared", "djangocheck"}
# Variants that serve every publish at once, so the first request after one can be timed.
NEVER_STALE = {PORTAL, "simple"}
# Options handed to the process that measures one database.
OPTIONS = ("seconds", "rounds", "samples", "workers")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--databases", nargs="*", default=["postgresql", "sqlite"])
    parser.add_argument("--variants", nargs="*", help="BENCH_VARIANT values (default: each one)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # one database, in a process of its own
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    if not have("wrk"):
        sys.exit("wrk ontbreekt: `make bench` installeert het (apt-get install wrk).")
    if args.one:
        result = measure(args, args.one)
    else:
        result = {"seconds": args.seconds, "rounds": args.rounds, "workers": args.workers}
        result["variants"] = args.variants or list(VARIANTS)
        for database in args.databases:
            with tempfile.NamedTemporaryFile(suffix=".json") as target:
                options = [f"--{name}={getattr(args, name)}" for name in OPTIONS]
                options += ["--variants", *args.variants] if args.variants else []
                command = [sys.executable, __file__, "--one", database, "--json", target.name]
                subprocess.run([*command, *options], cwd=ROOT, check=True, timeout=3600)  # noqa: S603
                result[database] = json.loads(Path(target.name).read_text())
        report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))


def measure(args, database: str) -> dict:
    env = bench_env(DB, REDIS_URL=REDIS_URL, PORTAL_BASE_URL=BASE_URL, TRUSTED_PROXIES="1")
    with tempfile.TemporaryDirectory() as folder:
        if database == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "collectstatic", "--noinput", "-v0")
        else:
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
        try:
            return {"page_bytes": len(page), **side_by_side(args, env, database, chapter, page)}
        finally:
            STATIC_COPY.unlink(missing_ok=True)


def side_by_side(args, env: dict, database: str, chapter, page: bytes) -> dict:
    path = chapter.get_absolute_url()
    config = str(HERE / "gunicorn_variant.py")
    variants = [
        variant
        for variant in args.variants or VARIANTS
        if database != "sqlite" or not set(variant.split("+")) & SAME_ON_SQLITE
    ]
    with ExitStack() as stack:
        ports = {PORTAL: stack.enter_context(gunicorn(env, workers=args.workers))[0]}
        for variant in variants:
            variant_env = {**env, "BENCH_VARIANT": variant}
            server = gunicorn(variant_env, workers=args.workers, config=config)
            ports[variant] = stack.enter_context(server)[0]
        targets = {"whitenoise": (ports[PORTAL], STATIC)}
        targets |= {name: (port, path) for name, port in ports.items()}
        for name, (port, url) in targets.items():
            for _ in range(8):  # warm: every worker stores the page
                status, body, _headers = get(port, url)
            assert status == 200 and body == page, f"{name} does not serve the same bytes"
        runs: dict[str, list[dict]] = {name: [] for name in targets}
        names = list(targets)
        for number in range(args.rounds):
            for name in names[number % len(names) :] + names[: number % len(names)]:
                port, url = targets[name]
                runs[name].append(wrk(f"http://{HOST}:{port}{url}", seconds=args.seconds))
        after = {
            name: after_publish(ports[name], chapter, args.samples)
            for name in ports
            if name in NEVER_STALE and args.samples
        }
    return {"runs": {name: medians(values) for name, values in runs.items()}, "after": after}


def medians(values: list[dict]) -> dict:
    return {
        "rps": statistics.median(v["rps"] for v in values),
        "p50": statistics.median(v["p50"] for v in values),
        "p99": statistics.median(v["p99"] for v in values),
        "all_rps": [round(v["rps"]) for v in values],
        "errors": sum(v["non2xx"] for v in values),
    }


def report(result: dict) -> None:
    print(
        f"Hoofdstukpagina, gunicorn.conf.py met {result['workers']} workers (gthread), wrk 16 "
        f"verbindingen, keep-alive uit, {result['seconds']} s per ronde, mediaan van "
        f"{result['rounds']} rondes:"
    )
    for database in ("postgresql", "sqlite"):
        if database not in result:
            continue
        runs = result[database]["runs"]
        white, own = runs["whitenoise"]["rps"], runs[PORTAL]["rps"]
        print(f"{database} ({result[database]['page_bytes']} bytes):")
        for name, run in runs.items():
            label = label_of(name)
            print(
                f"  {label:<44} {run['rps']:>7.0f} req/s  p50 {run['p50']:.2f} ms  "
                f"p99 {run['p99']:.2f} ms  {run['rps'] / white:.2f}x whitenoise  "
                f"portaal {own / run['rps']:.2f}x  {run['all_rps']}"
                + (f"  fouten {run['errors']}" if run["errors"] else "")
            )
        for name, timings in result[database]["after"].items():
            for label, values in timings.items():
                print(
                    f"  na publicatie, {label_of(name)}, {label}: mediaan "
                    f"{values['median']:.2f} ms, p95 {values['p95']:.2f} ms"
                )


def label_of(name: str) -> str:
    return " + ".join(VARIANTS.get(part, part) for part in name.split("+"))


if __name__ == "__main__":
    main()
