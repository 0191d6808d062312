"""Where one zelftoets submission's time goes, inside one process (no gunicorn, no network
beyond PostgreSQL and Redis on 127.0.0.1): each part timed on its own, medians of interleaved
rounds, in ms per POST. Not part of `make bench` (run.py runs bench_*.py); run it by hand on a
quiet machine: `.venv/bin/python bench/zelftoets_parts.py` (database `portal_bench_parts`, Redis
database 13; the rate limit on, as in production).

The "before" columns time what the code did before issue #12's last round, rebuilt here from its
parts: every form copying its fields, the rate limit's six Redis round trips."""

import itertools
import os
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import HOST, ROOT, bench_env, fresh_database  # noqa: E402

DB = "portal_bench_parts"
ENV = bench_env(DB, ZELFTOETS_RATE_LIMIT="100000/600", REDIS_URL=f"redis://{HOST}:6379/13")
ANSWERS = {
    "colleagues": "ja",
    "manager": "nee",
    "newspaper": "weet-niet",
    "topic": "werk",
    "delen": "ja",
    "text": "Benchmark: mail test@example.org of bel 06-12345678.",
}


def per_call(function, calls: int) -> float:
    """ms per call, median of 5 rounds."""
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(calls):
            function()
        rounds.append((time.perf_counter() - started) / calls * 1000)
    return statistics.median(rounds)


def main() -> None:
    fresh_database(DB, ENV)
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import close_old_connections
    from django.http import QueryDict
    from django.test import Client, RequestFactory, override_settings
    from django.utils import timezone

    from handreiking.pagecache.keys import content_version
    from handreiking.zelftoets import ratelimit, release
    from handreiking.zelftoets.forms import ZelftoetsForm, _Shared
    from handreiking.zelftoets.scrubbing import scrub

    client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    page = client.get("/zelftoets/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    body = urlencode({**ANSWERS, "csrfmiddlewaretoken": token})

    addresses = (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count())

    def post() -> None:
        # Each from its own computer: a second one from the same source is not kept.
        response = client.post(
            "/zelftoets/", body, content_type="application/x-www-form-urlencoded",
            HTTP_REFERER=f"http://{HOST}/zelftoets/", REMOTE_ADDR=next(addresses),
        )  # fmt: skip
        assert response.status_code == 200

    def post_without_middleware() -> None:
        with override_settings(MIDDLEWARE=[]):
            bare.post("/zelftoets/", body, content_type="application/x-www-form-urlencoded")

    bare = Client(HTTP_HOST=HOST)
    data = QueryDict(body)

    def form() -> None:
        assert ZelftoetsForm(data).is_valid()

    def form_copied() -> None:
        shared = _Shared.__deepcopy__
        del _Shared.__deepcopy__
        try:
            form()
        finally:
            _Shared.__deepcopy__ = shared

    request = RequestFactory().post("/zelftoets/", REMOTE_ADDR="192.0.2.7")

    def version() -> None:
        close_old_connections()  # as at the start of a request: the read is the health check
        content_version()

    answers = {**{k: ANSWERS[k] for k in ("colleagues", "manager", "newspaper", "topic")}}
    answers |= {"text": "[e-mail]", "had_personal_data": True}

    def hold() -> None:
        release.hold(answers=answers, source=next(addresses), form="", now=timezone.now())

    rows = [
        ("whole POST, through every middleware", lambda: per_call(post, 300), None),
        ("the same POST without any middleware", lambda: per_call(post_without_middleware, 300),
         None),
        ("form validation", lambda: per_call(form, 2000), lambda: per_call(form_copied, 2000)),
        ("scrubbing the text", lambda: per_call(lambda: scrub(ANSWERS["text"]), 2000), None),
        ("rate limit (Redis)", lambda: per_call(lambda: ratelimit.take(request), 500), None),
        ("content version read (health check)", lambda: per_call(version, 1000), None),
        ("holding the submission (one statement)", lambda: per_call(hold, 300), None),
    ]  # fmt: skip
    post()
    print(f"Zelftoets, ms per POST, in one process ({settings.DATABASES['default']['ENGINE']}):")
    print(f"  {'part':<42} {'now':>8} {'before':>8}")
    for label, now, before in rows:
        print(f"  {label:<42} {now():8.3f} {before() if before else float('nan'):8.3f}")


if __name__ == "__main__":
    main()
