"""Run every benchmark in bench/ (bench_*.py) one after the other and write bench/RESULTS.md:
`make bench`.

Benchmarks report ratios and percentiles measured in one run; they are never part of the test
suite, because this machine is shared and noisy. Each script runs in its own process with a
time limit; the pages and zelftoets benchmarks hand their figures over as JSON, the others'
output is kept as printed. Sections of RESULTS.md this script does not write (search,
scrubbing) are kept as they are."""

import argparse
import json
import platform
import re
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import HOST, ROOT, have, machine  # noqa: E402
from results import render  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
WITH_JSON = {"bench_pages.py", "bench_zelftoets.py"}
EXTRA = {"bench_zelftoets.py": ["--profile"]}
TIME_LIMIT = 3600
# The last run's figures, so RESULTS.md can be written again without measuring (--render-only).
LAST_RUN = Path(tempfile.gettempdir()) / "handreiking-bench-last-run.json"


def versions() -> dict[str, str]:
    found = {"Python": platform.python_version()}
    found |= {name: metadata.version(name) for name in ("Django", "gunicorn", "whitenoise")}
    commands = {
        "PostgreSQL": ["psql", "-h", HOST, "-U", "postgres", "-tAc", "SHOW server_version"],
        "Redis": ["redis-cli", "-h", HOST, "INFO", "server"],
        "nginx": ["nginx", "-v"],
        "wrk": ["wrk", "-v"],
    }
    for name, command in commands.items():
        if not have(command[0]):
            found[name] = "niet geïnstalleerd"
            continue
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)  # noqa: S603
        text = done.stdout + done.stderr
        match = re.search(r"redis_version:(\S+)|nginx/(\S+)|wrk (\S+)|^(\d[\w.]*)", text, re.M)
        found[name] = next((g for g in match.groups() if g), "?") if match else "?"
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", help="run only these scripts (bench_pages.py, …)")
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md as it is")
    parser.add_argument("--render-only", action="store_true", help="write the last run again")
    args, passthrough = parser.parse_known_args()
    if args.render_only:
        last = json.loads(LAST_RUN.read_text())
        write(last["figures"], last["printed"])
        return 0
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.only:
        scripts = [script for script in scripts if script.name in args.only]
    if not scripts:
        print("Geen benchmarks gevonden in bench/.")
        return 0
    figures: dict = {}
    printed: dict[str, str] = {}
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for script in scripts:
            print(f"\n==== {script.name}", flush=True)
            command = [sys.executable, str(script), *EXTRA.get(script.name, []), *passthrough]
            target = Path(tmp) / f"{script.stem}.json"
            if script.name in WITH_JSON:
                command += ["--json", str(target)]
            try:
                done = subprocess.run(  # noqa: S603
                    command, cwd=ROOT, capture_output=True, text=True, timeout=TIME_LIMIT
                )
            except subprocess.TimeoutExpired:
                print(f"{script.name}: langer dan {TIME_LIMIT} s, afgebroken")
                failed += 1
                continue
            print(done.stdout + done.stderr[-4000:], flush=True)
            printed[script.name] = done.stdout
            failed += done.returncode != 0
            if target.exists():
                figures[script.stem] = json.loads(target.read_text())
    LAST_RUN.write_text(json.dumps({"figures": figures, "printed": printed}))
    if not args.no_write and not args.only:
        write(figures, printed)
    return 1 if failed else 0


def write(figures: dict, printed: dict) -> None:
    previous = RESULTS.read_text() if RESULTS.exists() else ""
    RESULTS.write_text(render(machine(), versions(), figures, printed, previous))
    print(f"\nGeschreven: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
