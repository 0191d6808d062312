"""Run every benchmark in bench/ (bench_*.py) one after the other: `make bench`.

Benchmarks report ratios and percentiles measured in one run; they are never part of the test
suite, because this machine is shared and noisy."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if not scripts:
        print("Geen benchmarks gevonden in bench/.")
        return 0
    failed = 0
    for script in scripts:
        print(f"\n==== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script), *sys.argv[1:]], cwd=HERE.parent)  # noqa: S603
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
