"""Search latency with 1,000 generated chapters of about 8 KB, on SQLite and on PostgreSQL.

Each database runs in its own process (settings are per process). Measures GET /zoeken/?q=…
through Django's full request cycle (middleware, search, template), median and p95 over the
query mix, and the slowest queries. Run: `make bench` or
`.venv/bin/python bench/bench_search.py [--chapters N] [--reuse]` (`--reuse` keeps both
databases between runs, so a second run measures without building them again).

`--quality` measures relevance instead, on a fresh database with the seed chapters and the seed
synonyms: how often the first result is in the right chapter (and section) for the team's query
set (`tests/search_queries`) and for the set written for issue 24 (`tests/search_queries_unseen`),
its tuning and its held-out half apart, per kind, through `/api/v1/zoeken`."""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_DB = "portal_bench_search"
PG_QUALITY_DB = "portal_bench_search_quality"
QUERIES = [
    "ambassadeurs",
    "krant",
    "kranten",
    "opinie",
    "ambtenaar",
    "ambasadeur",
    "netwerken linkedin",
    "integriteit",
    "twijfel bericht",
    "vloggers",
    "xylofoon",
    # Questions, synonyms, compounds, accents and a query without an answer.
    "mag ik als ambtenaar twitteren",
    "goedkeuring van mijn leidinggevende",
    "integriteitsregels",
    "prive",
    "code of conduct",
    "thuiswerken",
]


def generate_body(rng: random.Random, pool: list[str], size: int = 8000) -> str:
    parts, length, section = [], 0, 0
    while length < size:
        if length and rng.random() < 0.12:
            section += 1
            heading = " ".join(rng.choices(pool, k=rng.randint(2, 5))).capitalize()
            parts.append(f"\n\n## {heading} {section}\n\n")
        sentence = " ".join(rng.choices(pool, k=rng.randint(8, 20))).capitalize() + ". "
        parts.append(sentence)
        length += len(sentence)
    return "".join(parts)


def migrated_django(database_url: str) -> None:
    """Django on the production settings in this (worker) process, its database migrated."""
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY="bench-" + "x" * 50,
        DJANGO_HTTPS="0",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def worker(database_url: str, chapters: int, repeats: int) -> None:
    migrated_django(database_url)
    from django.db import connection
    from django.test import Client

    from handreiking.content import SEED_FILE
    from handreiking.models import Chapter

    seed_words = [w for w in SEED_FILE.read_text(encoding="utf-8").lower().split() if w.isalpha()]
    rng = random.Random(2026)  # noqa: S311 - reproducible text, not security
    syllables = ["be", "ver", "ont", "ge", "werk", "raad", "beleid", "amb", "ten", "aar", "rijks"]
    synthetic = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(3000)]
    pool = seed_words * 5 + synthetic
    started = time.perf_counter()
    existing = Chapter.objects.count()
    for number in range(existing + 1, chapters + 1):
        # Through the model: the write path renders, indexes and publishes.
        Chapter(
            number=number + 10,
            title=f"Hoofdstuk {number}: " + " ".join(rng.choices(pool, k=4)),
            slug=f"bench-{number}",
            body=generate_body(rng, pool),
            is_published=True,
        ).save()
    build = time.perf_counter() - started
    client = Client()
    for query in QUERIES:  # warm up
        client.get("/zoeken/", {"q": query})
    per_query: dict[str, list[float]] = {query: [] for query in QUERIES}
    for _ in range(repeats):
        for query in QUERIES:
            begin = time.perf_counter()
            response = client.get("/zoeken/", {"q": query})
            per_query[query].append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200
    samples = sorted(t for times in per_query.values() for t in times)
    print(
        f"{connection.vendor}: {Chapter.objects.count()} hoofdstukken "
        f"(opbouw {build:.0f} s), {len(samples)} zoekopdrachten: "
        f"mediaan {statistics.median(samples):.1f} ms, p95 {p95(samples):.1f} ms, "
        f"max {samples[-1]:.1f} ms"
    )
    slowest = sorted(per_query.items(), key=lambda item: -p95(sorted(item[1])))[:3]
    for query, times in slowest:
        median = statistics.median(times)
        print(f"  {query!r}: mediaan {median:.1f} ms, p95 {p95(sorted(times)):.1f} ms")


def quality_worker(database_url: str) -> None:
    migrated_django(database_url)
    from django.db import connection
    from django.test import Client

    from tests import search_queries, search_queries_unseen

    client = Client()

    def first(text: str) -> str:
        found = client.get("/api/v1/zoeken", {"q": text}).json()["resultaten"]
        return (
            found[0]["url"].removeprefix("/handreiking/").replace("/#", "#").rstrip("/")
            if found
            else ""
        )

    def report(name: str, queries: list, *, show_misses: bool = True) -> None:
        kinds: dict[str, list[tuple[bool, bool]]] = {}
        wrong = []
        for query in queries:
            got = first(query.text)
            kind = getattr(query, "kind", None) or query.category
            chapter_right = got.split("#")[0] == query.answer.split("#")[0] and bool(got) == bool(
                query.answer
            )
            kinds.setdefault(kind, []).append((chapter_right, got == query.answer))
            if not chapter_right:
                wrong.append(f"{query.text!r} -> {got or 'niets'}")
        rows = [pair for pairs in kinds.values() for pair in pairs]
        chapter = sum(c for c, _ in rows) / len(rows)
        section = sum(s for _, s in rows) / len(rows)
        print(
            f"{connection.vendor} {name}: n={len(rows)} "
            f"hoofdstuk {chapter:.0%} onderdeel {section:.0%}"
        )
        for kind, pairs in kinds.items():
            right = sum(c for c, _ in pairs)
            print(f"    {kind:14} {right:3}/{len(pairs):<3} {right / len(pairs):.0%}")
        for line in wrong if show_misses else []:
            print(f"    mis: {line}")

    report("313 queries", search_queries.QUERIES)
    report("unseen tuning", search_queries_unseen.TUNING)
    # Counts only: the held-out half is measured, never read to tune on.
    report("unseen held-out", search_queries_unseen.HELD_OUT, show_misses=False)  # fmt: skip


def p95(ordered: list[float]) -> float:
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chapters", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep the databases between runs")
    parser.add_argument("--quality", action="store_true", help="measure relevance, not speed")
    parser.add_argument("--only", choices=["sqlite", "postgres"], help="one database")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker and args.quality:
        quality_worker(args.worker)
        return
    if args.worker:
        worker(args.worker, args.chapters, args.repeats)
        return
    import psycopg

    pg_db = PG_QUALITY_DB if args.quality else PG_DB
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [pg_db]).fetchone()
        if args.quality or not (args.reuse and exists):
            c.execute(f'DROP DATABASE IF EXISTS "{pg_db}" WITH (FORCE)')
            c.execute(f'CREATE DATABASE "{pg_db}"')
    if args.quality:
        with tempfile.TemporaryDirectory() as tmp:
            for url in (
                f"sqlite:///{tmp}/quality.sqlite3",
                f"postgres://postgres@127.0.0.1:5432/{pg_db}",
            ):
                if args.only and not url.startswith(args.only):
                    continue
                subprocess.run([sys.executable, __file__, "--quality", "--worker", url], check=True)  # noqa: S603
        return
    kept = Path(tempfile.gettempdir()) / "handreiking-bench-search"
    if args.reuse:
        kept.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = kept if args.reuse else tmp
        for url in (
            f"sqlite:///{folder}/bench.sqlite3",
            f"postgres://postgres@127.0.0.1:5432/{PG_DB}",
        ):
            subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--worker", url, "--chapters", str(args.chapters),
                 "--repeats", str(args.repeats)],
                check=True,
            )  # fmt: skip


if __name__ == "__main__":
    main()
