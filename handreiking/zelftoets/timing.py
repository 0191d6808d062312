"""Same time for every answer: a submission that keeps nothing (delen=nee, over the rate limit,
or already kept for this source in this period) is answered after a time drawn from how long
recent kept submissions took in this process. So a stopwatch on one request tells nothing: both
kinds of answer come from the same distribution, whatever the machine's speed at the moment.
Only durations are held, in memory; nothing about who or what."""

import random
import threading
import time
from collections import deque

# Until this process has kept a submission: about what keeping one costs on a quiet machine.
FIRST_GUESS_SECONDS = 0.006
_random = random.SystemRandom()


class Stopwatch:
    def __init__(self, size: int = 512):
        self._durations: deque[float] = deque(maxlen=size)
        self._lock = threading.Lock()

    def record(self, seconds: float) -> None:
        with self._lock:
            self._durations.append(seconds)

    def sample(self) -> float:
        with self._lock:
            return _random.choice(self._durations) if self._durations else FIRST_GUESS_SECONDS


kept = Stopwatch()


def record_kept(*, started: float) -> None:
    kept.record(time.perf_counter() - started)


def wait_like_kept(*, started: float) -> None:
    """Sleep until as much time has passed since `started` as a kept submission took."""
    remaining = started + kept.sample() - time.perf_counter()
    if remaining > 0:
        time.sleep(remaining)
