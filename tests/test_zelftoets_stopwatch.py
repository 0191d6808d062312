"""The stopwatch attack: someone who times one request (a proxy's log, a colleague on the same
network) must not tell ja from nee, or a kept submission from a refused one. Played against
gunicorn on PostgreSQL as production runs it, and in-process on either database: a classifier
that learns the best time threshold on one half of the requests and is scored on the other
half may be right at most 60 % of the time (a coin is right 50 %)."""

import http.client
import random
import re
import time
import urllib.parse
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from handreiking.zelftoets import timing
from tests.servers import gunicorn


@pytest.fixture(autouse=True)
def fresh_stopwatch():
    """This process's kept durations, as in a fresh worker: none from other tests."""
    timing.kept.clear()


ANSWERS = {"colleagues": "ja", "manager": "nee", "newspaper": "weet-niet", "text": "Twijfel."}
SAMPLES = 300


def best_threshold_accuracy(train: list[tuple[float, bool]], test: list[tuple[float, bool]]):
    """Learn on `train` the threshold and direction that best separate the two kinds by time;
    return how often that rule is right on `test`."""
    best = (0.0, 0.0, True)
    for threshold, _kind in train:
        for slower_is_kept in (True, False):
            right = sum((time > threshold) == (kept is slower_is_kept) for time, kept in train)
            best = max(best, (right / len(train), threshold, slower_is_kept))
    _accuracy, threshold, slower_is_kept = best
    return sum((time > threshold) == (kept is slower_is_kept) for time, kept in test) / len(test)


def play(submit: Callable[[str, int], float]) -> float:
    """Warm up, then time SAMPLES kept and SAMPLES not-kept submissions in random order."""
    for number in range(40):
        submit("ja", number)
    kinds = [True] * SAMPLES + [False] * SAMPLES
    random.Random(7).shuffle(kinds)
    timings = [(submit("ja" if kept else "nee", 1000 + n), kept) for n, kept in enumerate(kinds)]
    half = len(timings) // 2
    accuracy = best_threshold_accuracy(timings[:half], timings[half:])
    print(f"stopwatch right {accuracy:.1%} (pytest -s shows it)")
    return accuracy


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_requests_time_does_not_tell_ja_from_nee_through_gunicorn(settings):
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn shares the test database on PostgreSQL only.")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    environment = {"DATABASE_URL": url, "ZELFTOETS_RATE_LIMIT": "0", "TRUSTED_PROXIES": "1"}
    with gunicorn(environment) as base:
        host, port = urllib.parse.urlsplit(base).netloc.split(":")
        first = http.client.HTTPConnection(host, int(port), timeout=10)
        first.request("GET", "/zelftoets/")
        page = first.getresponse()
        cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie"))[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())[1]

        def submit(delen: str, number: int) -> float:
            body = urllib.parse.urlencode({**ANSWERS, "delen": delen, "csrfmiddlewaretoken": token})
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
                "X-Forwarded-For": f"10.11.{number // 256}.{number % 256}",
            }
            request = http.client.HTTPConnection(host, int(port), timeout=10)
            started = time.perf_counter()
            request.request("POST", "/zelftoets/", body, headers)
            response = request.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            request.close()
            assert response.status == 200
            return elapsed

        accuracy = play(submit)
    assert accuracy <= 0.60, f"a stopwatch tells ja from nee {accuracy:.0%} of the time"


@pytest.mark.django_db
def test_one_requests_time_does_not_tell_ja_from_nee_in_process(settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    client = Client()

    def submit(delen: str, number: int) -> float:
        started = time.perf_counter()
        response = client.post(
            "/zelftoets/",
            {**ANSWERS, "delen": delen},
            REMOTE_ADDR=f"10.12.{number // 256}.{number % 256}",
        )
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        return elapsed

    accuracy = play(submit)
    assert accuracy <= 0.60, f"a stopwatch tells ja from nee {accuracy:.0%} of the time"


@pytest.mark.django_db
def test_a_refused_submission_takes_the_time_of_a_kept_one(settings):
    """A second one from the same computer in a period is not kept; its time says nothing."""
    settings.ZELFTOETS_RATE_LIMIT = "0"
    client = Client()

    def submit(delen: str, number: int) -> float:
        # "nee" here stands for a refused one: the same computer again.
        address = f"10.13.{number // 256}.{number % 256}" if delen == "ja" else "10.13.255.1"
        started = time.perf_counter()
        response = client.post(
            "/zelftoets/", {**ANSWERS, "delen": "ja", "topic": ""}, REMOTE_ADDR=address
        )
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        return elapsed

    accuracy = play(submit)
    assert accuracy <= 0.60, f"a stopwatch tells kept from refused {accuracy:.0%} of the time"
