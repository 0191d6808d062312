"""Faults under load: `make chaos` (issue 23). Against the real stack (gunicorn with
gunicorn.conf.py, 2 workers, on PostgreSQL and Redis on 127.0.0.1), under load, one fault per
phase: a gunicorn worker killed (SIGKILL), the portal's database connections terminated, a
database restart, a stalled database and a Redis outage, after a phase without a fault to compare
with. Prints, per fault, the zelftoets submissions sent, acknowledged ("Je antwoorden zijn
anoniem bewaard"), stored, lost (acknowledged but not stored), stored twice, the answers that
were neither that nor the Dutch 503 page (connection resets, 500s, time-outs) and the longest
answer; writes the table into bench/RESULTS.md. Exits 1 when anything acknowledged was lost or
anything was stored twice; a stalled database answering slower than 5 s is reported, not failed.

One gunicorn serves every phase, as in production: each fault finds the portal as the one
before left it, once /healthz answers 200 again. A phase: 8 clients posting the zelftoets (a new
connection per request, as nginx does; a unique text and a unique X-Forwarded-For each, because
the portal keeps one reflection per computer per period; TRUSTED_PROXIES=1, rate limit off) and
2 readers (a chapter page and /healthz); the fault strikes after 3 s of load, the load goes on
for 6 s after it ends; then the stored texts are counted in PostgreSQL directly.

The stall stops (SIGSTOP) every backend of the portal's database, those open and those that
connect during the stall, as a frozen server holds every session, for 8 s; other databases go
on. The restart and the Redis outage act on the machine's shared PostgreSQL and Redis: other
databases' sessions drop, other users of Redis lose it for 5 s. Every service is brought back in
a `finally` (SIGCONT, PostgreSQL and Redis started again when down). Runs as root (signals to
PostgreSQL's processes, pg_ctlcluster). Database `portal_chaos` (dropped and created here),
Redis database 14 (flushed). About 2 minutes.

Run: `make chaos` or `.venv/bin/python bench/chaos.py [--only werker,stil] [--no-write]`."""

import argparse
import http.client
import itertools
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import HOST, PG_ADMIN, bench_env, fresh_database, gunicorn, machine, worker_pids  # noqa: E402
from results import replace_section  # noqa: E402
from run import versions  # noqa: E402
from soak import request, zelftoets_form  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
HEADING = "## Faults under load"
DATABASE = "portal_chaos"
REDIS_URL = f"redis://{HOST}:6379/14"
REDIS_START = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1",
               "--port", "6379", "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
               "--logfile", "/var/log/redis/ci.log"]  # fmt: skip
PG_CLUSTER = "main"
WORKERS = 2
LOAD_BEFORE = 3.0  # seconds of load before the fault
RECOVERY = 6.0  # seconds of load after the fault has ended
STALL_SECONDS = 8.0
REDIS_DOWN_SECONDS = 5.0
STALL_LIMIT = 5.0  # issue 23: no answer slower than this while the database stalls

ACKNOWLEDGED = b"Je antwoorden zijn anoniem bewaard"
UNAVAILABLE_PAGE = b"Tijdelijk niet beschikbaar"  # templates/503.html
UNAVAILABLE_HEALTH = b'"unavailable"'  # /healthz: {"status": "error", "database": "unavailable"}

# Kinds of request and what became of them.
ZELFTOETS, CHAPTER, HEALTH = "zelftoets", "hoofdstuk", "healthz"
KEPT, OK, UNAVAILABLE, FAILED = "bevestigd", "ok", "503", "fout"


def classify(kind: str, status: int | None, body: bytes) -> str:
    """KEPT: a zelftoets answered 200 and said it was kept; OK: a reader's 200; UNAVAILABLE: the
    Dutch 503 page (for /healthz its JSON); FAILED: anything else (no answer, a 500, a 200
    zelftoets that kept nothing, a traceback)."""
    if status is None or b"Traceback" in body:
        return FAILED
    if status == 503:
        clean = UNAVAILABLE_HEALTH if kind == HEALTH else UNAVAILABLE_PAGE
        return UNAVAILABLE if clean in body else FAILED
    if status == 200:
        if kind == ZELFTOETS:
            return KEPT if ACKNOWLEDGED in body else FAILED
        return OK
    return FAILED


@dataclass(frozen=True)
class Answer:
    kind: str
    marker: str  # the zelftoets text; "" for readers
    outcome: str
    what: str  # the status, or the exception's name when there was no answer
    started: float  # time.monotonic()
    seconds: float


@dataclass
class Row:
    fault: str
    sent: int
    acknowledged: int
    stored: int
    lost: int
    duplicated: int
    failed: int
    unavailable: int
    longest: float
    longest_during: float  # of the answers under way while the fault lasted
    reads: int
    stored_unacknowledged: int
    failures: Counter = field(default_factory=Counter)
    note: str = ""


def count(
    fault: str, answers: list[Answer], stored: Counter, window: tuple[float, float] = (0.0, 0.0)
) -> Row:
    """One row of the table from what the clients saw and how often each text is stored."""
    posts = [answer for answer in answers if answer.kind == ZELFTOETS]
    markers = {answer.marker for answer in posts}
    acknowledged = {answer.marker for answer in posts if answer.outcome == KEPT}
    start, end = window
    during = [a.seconds for a in answers if a.started <= end and a.started + a.seconds >= start]
    return Row(
        fault=fault,
        sent=len(posts),
        acknowledged=len(acknowledged),
        stored=sum(stored[marker] for marker in markers),
        lost=sum(1 for marker in acknowledged if stored[marker] == 0),
        duplicated=sum(1 for marker in markers if stored[marker] > 1),
        failed=sum(1 for answer in answers if answer.outcome == FAILED),
        unavailable=sum(1 for answer in answers if answer.outcome == UNAVAILABLE),
        longest=max((answer.seconds for answer in answers), default=0.0),
        longest_during=max(during, default=0.0),
        reads=len(answers) - len(posts),
        stored_unacknowledged=sum(1 for m in markers - acknowledged if stored[m] > 0),
        failures=Counter(f"{a.kind} {a.what}" for a in answers if a.outcome == FAILED),
    )


def table(rows: list[Row]) -> str:
    lines = [
        "| storing | verzonden | bevestigd | opgeslagen | verloren | dubbel | fouten / 503 "
        "| langste antwoord |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.fault} | {row.sent:,} | {row.acknowledged:,} | {row.stored:,} | "
            f"{_bold(row.lost)} | {_bold(row.duplicated)} | {row.failed} / {row.unavailable} | "
            f"{row.longest:.2f} s |"
        )
    return "\n".join(lines)


def _bold(number: int) -> str:
    return f"**{number}**" if number else "0"


def notes(rows: list[Row]) -> list[str]:
    lines = []
    for row in rows:
        parts = [row.note] if row.note else []
        parts.append(f"{row.reads:,} leesverzoeken")
        if row.note:  # a fault that lasted
            parts.append(f"langste antwoord terwijl de storing duurde {row.longest_during:.2f} s")
        if row.stored_unacknowledged:
            parts.append(f"{row.stored_unacknowledged} opgeslagen zonder bevestiging")
        if row.failures:
            parts.append(
                "fouten: " + ", ".join(f"{n}× {w}" for w, n in row.failures.most_common(4))
            )
        lines.append(f"- {row.fault}: " + "; ".join(parts) + ".")
    return lines


def verdict(rows: list[Row]) -> tuple[list[str], bool]:
    """Dutch lines for the end of the output, and whether nothing was lost or stored twice."""
    lost, duplicated = sum(row.lost for row in rows), sum(row.duplicated for row in rows)
    ok = lost == 0 and duplicated == 0
    lines = []
    for row in rows:
        if row.fault.startswith("database staat") and row.longest > STALL_LIMIT:
            lines.append(
                f"LET OP: terwijl de database stilstond duurde het langste antwoord "
                f"{row.longest:.1f} s; de grens is {STALL_LIMIT:.0f} s."
            )
    if not any(row.acknowledged for row in rows):
        lines.append("LET OP: geen enkele inzending bevestigd; klopt de opzet?")
    if ok:
        lines.append("Geslaagd: 0 verloren en 0 dubbel in elke rij.")
    else:
        lines.append(f"MISLUKT: {lost} bevestigde inzendingen verloren, {duplicated} dubbel.")
    return lines, ok


# --- the services -------------------------------------------------------------------------


def pg_version() -> str:
    return max(os.listdir("/etc/postgresql"), key=lambda name: float(name))


def pg_ctlcluster(action: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        ["pg_ctlcluster", "--skip-systemctl-redirect", pg_version(), PG_CLUSTER, action],  # noqa: S607
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def postgres_answers() -> bool:
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=2) as admin:
            admin.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def wait_for(answers: Callable[[], bool], what: str, seconds: float = 60) -> float:
    started = time.monotonic()
    while not answers():
        if time.monotonic() - started > seconds:
            raise RuntimeError(f"{what} antwoordt na {seconds:.0f} s nog niet")
        time.sleep(0.2)
    return time.monotonic() - started


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis(host=HOST, port=6379, socket_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


class Services:
    """What the faults changed, and bringing it back: always called in a `finally`."""

    def __init__(self) -> None:
        self.stopped: set[int] = set()
        self.lock = threading.Lock()
        self.frozen = False

    def freeze(self, pid: int) -> None:
        with self.lock:
            if self.frozen and pid not in self.stopped:
                try:
                    os.kill(pid, signal.SIGSTOP)
                except ProcessLookupError:
                    return
                self.stopped.add(pid)

    def thaw(self) -> None:
        with self.lock:
            self.frozen = False
            for pid in self.stopped:
                try:
                    os.kill(pid, signal.SIGCONT)
                except ProcessLookupError:
                    pass
            self.stopped.clear()

    def restore(self) -> None:
        self.thaw()
        if pg_ctlcluster("status").returncode != 0:
            print("PostgreSQL draait niet: weer gestart.", flush=True)
            pg_ctlcluster("start")
        wait_for(postgres_answers, "PostgreSQL")
        if not redis_answers():
            print("Redis draait niet: weer gestart.", flush=True)
            subprocess.run(REDIS_START, check=False, timeout=30)  # noqa: S603
            wait_for(redis_answers, "Redis", 30)


# --- the faults: each returns a Dutch note on what it did ---------------------------------


def kill_worker(services: Services, master: int) -> str:
    workers = worker_pids(master)
    os.kill(workers[0], signal.SIGKILL)
    started = time.monotonic()
    while time.monotonic() - started < 15:
        now = worker_pids(master)
        if len(now) >= WORKERS and workers[0] not in now:
            return f"nieuwe werker gestart na {time.monotonic() - started:.1f} s"
        time.sleep(0.05)
    return "na 15 s nog geen nieuwe werker"


def terminate_connections(services: Services, master: int) -> str:
    import psycopg

    ended = []
    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as admin:
        for _ in range(3):
            rows = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [DATABASE],
            ).fetchall()
            ended.append(sum(1 for (done,) in rows if done))
            time.sleep(1.0)
    return "afgebroken verbindingen: " + " + ".join(map(str, ended))


def restart_database(services: Services, master: int) -> str:
    started = time.monotonic()
    done = pg_ctlcluster("restart")
    if done.returncode != 0:
        raise RuntimeError(f"pg_ctlcluster restart: {done.stderr.strip()}")
    wait_for(postgres_answers, "PostgreSQL")
    return f"PostgreSQL na {time.monotonic() - started:.1f} s weer bereikbaar"


_BACKEND = re.compile(rb"^postgres: [^:]+: \S+ " + DATABASE.encode() + rb" \S+\(\d+\)")


def database_backends() -> list[int]:
    """The client backends of the portal's database, from their process titles ("postgres:
    15/main: postgres portal_chaos 127.0.0.1(40123) idle"): read without asking PostgreSQL,
    which may be waiting on a stopped process."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                title = Path(entry.path, "cmdline").read_bytes()
            except OSError:
                continue
            if _BACKEND.match(title):
                found.append(int(entry.name))
    return found


def stall_database(services: Services, master: int) -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as admin:
        open_ones = [pid for (pid,) in admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_type = "
            "'client backend'", [DATABASE],
        )]  # fmt: skip
    services.frozen = True
    try:
        for pid in open_ones:
            services.freeze(pid)
        deadline = time.monotonic() + STALL_SECONDS
        while time.monotonic() < deadline:
            for pid in database_backends():
                services.freeze(pid)
            time.sleep(0.05)
        stopped = len(services.stopped)
    finally:
        services.thaw()
    return (
        f"{len(open_ones)} open sessies en {stopped - len(open_ones)} nieuwe "
        f"{STALL_SECONDS:.0f} s stilgezet"
    )


def redis_outage(services: Services, master: int) -> str:
    started = time.monotonic()
    subprocess.run(  # noqa: S603
        ["redis-cli", "-h", HOST, "-p", "6379", "shutdown", "nosave"],  # noqa: S607
        capture_output=True, check=False, timeout=10,
    )  # fmt: skip
    while redis_answers() and time.monotonic() - started < REDIS_DOWN_SECONDS:
        time.sleep(0.1)
    time.sleep(max(0.0, started + REDIS_DOWN_SECONDS - time.monotonic()))
    subprocess.run(REDIS_START, check=True, timeout=30)  # noqa: S603
    wait_for(redis_answers, "Redis", 30)
    return f"Redis {time.monotonic() - started:.1f} s weg"


def no_fault(services: Services, master: int) -> str:
    return ""


@dataclass(frozen=True)
class Fault:
    key: str  # for --only and in the stored texts: lowercase letters only
    label: str
    action: Callable[[Services, int], str]


FAULTS = [
    Fault("geen", "geen storing (ter vergelijking)", no_fault),
    Fault("werker", "werker gedood (SIGKILL)", kill_worker),
    Fault("verbindingen", "databaseverbindingen afgebroken (3×)", terminate_connections),
    Fault("herstart", "database herstart", restart_database),
    Fault("stil", f"database staat {STALL_SECONDS:.0f} s stil", stall_database),
    Fault("redis", f"Redis {REDIS_DOWN_SECONDS:.0f} s weg", redis_outage),
]


# --- the load -----------------------------------------------------------------------------


def address(number: int) -> str:
    """A computer of its own for each submission, as the trusted proxy would vouch for it."""
    return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


class Load:
    """Client threads until stopped; every answer recorded (list.append is thread-safe)."""

    def __init__(self, port: int, prefix: str, numbers: itertools.count, chapter: str) -> None:
        self.port, self.prefix, self.numbers, self.chapter = port, prefix, numbers, chapter
        self.answers: list[Answer] = []
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []

    def start(self, clients: int, readers: int) -> None:
        forms = [zelftoets_form(self.port) for _ in range(clients)]
        self.threads = [threading.Thread(target=self._writer, args=(form,), daemon=True)
                        for form in forms]  # fmt: skip
        self.threads += [threading.Thread(target=self._reader, args=(n,), daemon=True)
                         for n in range(readers)]  # fmt: skip
        for thread in self.threads:
            thread.start()

    def stop(self) -> list[Answer]:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=40)
        return list(self.answers)

    def _writer(self, form: tuple[str, dict]) -> None:
        body, headers = form
        fields = dict(urllib.parse.parse_qsl(body))
        while not self.stopping.is_set():
            number = next(self.numbers)
            marker = f"{self.prefix}{number:06d}"
            # Each submission is a page view of its own, with the form mark such a view gets
            # (the portal keeps a retried form once and answers it as kept).
            form = secrets.token_urlsafe(16)
            data = urllib.parse.urlencode(
                {**fields, "delen": "ja", "text": marker, "formulier": form}
            )
            extra = {**headers, "X-Forwarded-For": address(number)}
            self._send(ZELFTOETS, marker, "POST", "/zelftoets/", data, extra)

    def _reader(self, number: int) -> None:
        for turn in itertools.count(number):
            if self.stopping.is_set():
                return
            kind, path = (CHAPTER, self.chapter) if turn % 2 == 0 else (HEALTH, "/healthz")
            self._send(kind, "", "GET", path)

    def _send(self, kind, marker, method, path, body=None, headers=None) -> None:
        started = time.monotonic()
        try:
            status, page, _response = request(self.port, method, path, body, headers)
            what = str(status)
        except (OSError, http.client.HTTPException) as error:
            status, page, what = None, b"", type(error).__name__
        outcome = classify(kind, status, page)
        if outcome == FAILED and status == 200:
            what = "200 zonder bevestiging"
        self.answers.append(
            Answer(kind, marker, outcome, what, started, time.monotonic() - started)
        )


def stored_texts(prefix: str) -> Counter:
    """How often each text of this phase is stored, held or released."""
    import psycopg

    url = f"postgresql://postgres@{HOST}:5432/{DATABASE}"
    with psycopg.connect(url, connect_timeout=5) as conn:
        rows = conn.execute(
            "SELECT text FROM handreiking_heldreflection WHERE text LIKE %(p)s "
            "UNION ALL SELECT text FROM handreiking_reflection WHERE text LIKE %(p)s",
            {"p": prefix + "%"},
        ).fetchall()
    return Counter(text for (text,) in rows)


def first_chapter() -> str:
    import psycopg

    url = f"postgresql://postgres@{HOST}:5432/{DATABASE}"
    with psycopg.connect(url) as conn:
        (slug,) = conn.execute(
            "SELECT slug FROM handreiking_chapter WHERE is_published ORDER BY number LIMIT 1"
        ).fetchone()
    return f"/handreiking/{slug}/"


def phase(fault: Fault, port: int, master: int, args, prefix: str, numbers, services) -> Row:
    load = Load(port, prefix, numbers, args.chapter)
    load.start(args.clients, args.readers)
    try:
        time.sleep(LOAD_BEFORE)
        start = time.monotonic()
        try:
            note = fault.action(services, master)
            end = time.monotonic()
        finally:
            services.restore()
        time.sleep(RECOVERY)
    finally:
        answers = load.stop()
    row = count(fault.label, answers, stored_texts(prefix), (start, end))
    row.note = note
    return row


def healthy(port: int) -> bool:
    try:
        return request(port, "GET", "/healthz")[0] == 200
    except (OSError, http.client.HTTPException):
        return False


def measure(faults: list[Fault], env: dict, args, services: Services) -> list[Row]:
    """One gunicorn for every fault, as in production: each fault finds the portal as the one
    before left it, once /healthz answers 200 again."""
    rows = []
    run, numbers = secrets.token_hex(4), itertools.count(1)
    with gunicorn(env, workers=WORKERS) as (port, master):
        wait_for(lambda: healthy(port), "het portaal", 60)
        for _ in range(4 * WORKERS):  # every worker has served before the clock starts
            request(port, "GET", args.chapter)
        for fault in faults:
            started = time.monotonic()
            print(f"==== {fault.label}", flush=True)
            wait_for(lambda: healthy(port), "het portaal", 60)
            prefix = f"chaosmeting {run} {fault.key} "
            rows.append(phase(fault, port, master, args, prefix, numbers, services))
            print(table(rows[-1:]), f"({time.monotonic() - started:.0f} s)", sep="\n", flush=True)
    return rows


def code_version() -> str:
    """The commit measured, and whether the working tree differed from it (others' work)."""

    def git(*args: str) -> str:
        command = ["git", "-C", str(HERE.parent), *args]  # noqa: S607
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()  # noqa: S603

    changed = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + (
        " with uncommitted changes in the working tree" if changed else ""
    )


def section(rows: list[Row], args, seconds: float, lines: list[str]) -> str:
    found = versions()
    return "\n".join([
        f"{HEADING} (`bench/chaos.py`, issue 23)\n",
        f"Written by `make chaos` on {datetime.now():%Y-%m-%d %H:%M} ({seconds:.0f} s). Machine: "
        + ", ".join(f"{k} {v}" for k, v in machine().items())
        + "; versions: " + ", ".join(f"{k} {v}" for k, v in found.items())
        + f". Code: {code_version()}.\n",
        f"One gunicorn (gunicorn.conf.py, {WORKERS} workers) on PostgreSQL and Redis for the "
        "whole run, each fault once /healthz answers 200 again after the one before; "
        f"{args.clients} clients posting the zelftoets (a new connection per request, a "
        f"unique text and X-Forwarded-For each, TRUSTED_PROXIES=1, rate limit off) and "
        f"{args.readers} readers (a chapter page, /healthz). The fault strikes after "
        f"{LOAD_BEFORE:.0f} s of load; the load goes on {RECOVERY:.0f} s after it ends. "
        "*verzonden*: zelftoets posts; *bevestigd*: answered 200 with “Je antwoorden zijn "
        "anoniem bewaard”; *opgeslagen*: rows with one of the posted texts (held and released), "
        "counted in PostgreSQL afterwards; *verloren*: acknowledged, not stored; *dubbel*: a text "
        "stored more than once; *fouten / 503*: answers (readers included) that were neither a "
        "200 nor the Dutch 503 page (connection reset, 500, time-out) / Dutch 503 answers; "
        "*langste antwoord*: the slowest answer of the phase, readers included. The stall stops "
        "every session of the portal's database, open or new, with SIGSTOP. Issue 23's target: 0 "
        f"lost and 0 duplicated in every row, no answer slower than {STALL_LIMIT:.0f} s while "
        "the database stalls.\n",
        table(rows) + "\n",
        *notes(rows),
        "",
        "\n\n".join(lines),
        "",
    ])  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="zelftoets clients (default 8)")
    parser.add_argument("--readers", type=int, default=2, help="reader threads (default 2)")
    choices = ",".join(fault.key for fault in FAULTS)
    parser.add_argument("--only", help=f"only these faults ({choices}); RESULTS.md is left alone")
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md as it is")
    args = parser.parse_args()
    faults = FAULTS
    if args.only:
        keys = args.only.split(",")
        faults = [fault for fault in FAULTS if fault.key in keys]
        if len(faults) != len(set(keys)):
            parser.error(f"--only: kies uit {choices}")
    if os.geteuid() != 0:
        print("make chaos moet als root draaien (signalen aan PostgreSQL, pg_ctlcluster, Redis).")
        return 2
    # A stop from outside (make's SIGTERM) still runs the finally blocks that restore services.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    env = bench_env(DATABASE, REDIS_URL=REDIS_URL, TRUSTED_PROXIES="1", ZELFTOETS_RATE_LIMIT="0")
    services = Services()
    try:
        services.restore()
        fresh_database(DATABASE, env)
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        args.chapter = first_chapter()
        rows = measure(faults, env, args, services)
    finally:
        services.restore()
    seconds = time.monotonic() - started
    lines, ok = verdict(rows)
    print("\n" + table(rows) + "\n")
    print("\n".join(notes(rows)) + "\n")
    print("\n".join(lines))
    print(f"Duur: {seconds:.0f} s.")
    if not (args.only or args.no_write):
        text = section(rows, args, seconds, lines)
        RESULTS.write_text(replace_section(RESULTS.read_text(), HEADING, text))
        print(f"Geschreven: {RESULTS.relative_to(HERE.parent)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
