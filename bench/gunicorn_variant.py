"""For the benchmark only, never for production: gunicorn.conf.py with one change per worker,
chosen by BENCH_VARIANT, to measure what a part of the page cache costs or gains in one run.

- `ceiling`: the content version is read once per worker and then served from that copy, which
  is exactly what the portal must not do (a publish would not show): the price of never-stale.
- `unshared`: every request reads the version for itself, also when another request of the
  same worker is reading it at that moment (handreiking.pagecache.sharing switched off)."""

import os
import runpy
from pathlib import Path

PRODUCTION = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
globals().update({name: value for name, value in PRODUCTION.items() if not name.startswith("__")})


def post_worker_init(worker) -> None:
    from handreiking.pagecache import keys

    variant = os.environ["BENCH_VARIANT"]
    if variant == "ceiling":
        state = keys.content_state()
        keys.shared_content_state = lambda: state
    elif variant == "unshared":
        keys.shared_content_state = keys.content_state
    else:
        raise ValueError(f"BENCH_VARIANT={variant!r}: ceiling or unshared")
