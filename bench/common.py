"""What the benchmarks share: a fresh PostgreSQL database, gunicorn as production starts it,
wrk, and reading a process's memory. Loopback only; every wait is bounded."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
HOST = "127.0.0.1"


def bench_env(database: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": f"postgres://postgres@{HOST}:5432/{database}",
        "DJANGO_SECRET_KEY": "bench-secret-" + "x" * 40,
        "DJANGO_HTTPS": "0",
        "DJANGO_DEBUG": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=600
    )


def fresh_database(name: str, env: dict[str, str]) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {HOST}:{port} after {seconds} s")


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int, sync: bool = False, config: str = ""):
    """`gunicorn portal.wsgi:application` in the project root, as production starts it: it
    reads gunicorn.conf.py from there (worker class, threads, timeouts). `sync` swaps in sync
    workers, as the issue's first measurements used; `config` another configuration file.
    Yields (port, master pid)."""
    port = free_port()
    extra = ["--worker-class", "sync", "--threads", "1"] if sync else []
    extra += ["--config", config] if config else []
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "-b", f"{HOST}:{port}",
         "--workers", str(workers), "--log-level", "warning", *extra],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_for_port(port)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


def wrk(url: str, *, seconds: int, connections: int = 16, script: str | None = None) -> dict:
    """One wrk run, keep-alive off (gunicorn's sync workers close every connection anyway):
    requests/s, p50 and p99 in ms, errors."""
    assert url.startswith(f"http://{HOST}:"), "benchmarks only target the loopback"
    command = [shutil.which("wrk"), "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
               "-H", "Connection: close"]  # fmt: skip
    if script:
        command += ["-s", script]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    sent = int(re.search(r"(\d+) requests in", output)[1])
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1]),
        "p99": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1]),
        "sent": sent,
        "non2xx": int(failed[1]) if failed else 0,
        "socket_errors": errors[1] if errors else "",
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def machine() -> dict[str, str]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        "?",
    )  # fmt: skip
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": f"{memory:.0f} GiB"}
