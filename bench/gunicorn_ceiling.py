"""For the benchmark only, never for production: gunicorn.conf.py with one change. Each worker
reads the content version once and then serves every request from that copy, which is exactly
what the portal must not do (a publish would not show). It measures the price of never-stale:
the stored page with and without the per-request version read, in the same run."""

import runpy
from pathlib import Path

PRODUCTION = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
globals().update({name: value for name, value in PRODUCTION.items() if not name.startswith("__")})


def post_worker_init(worker) -> None:
    from handreiking.pagecache import keys

    state = keys.content_state()
    keys.content_state = lambda: state
