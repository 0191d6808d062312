"""Same time for every answer: whether a submission was kept, or not (delen=nee, over the rate
limit, or already one from this computer in this period), its answer leaves after the same kind
of wait. Each answer waits until a target drawn afresh from how long the work of recent kept
submissions took in this process: the sum of two such durations, so the target lies beyond
almost any one submission's own work, kept or not, and every answer's time follows the target's
distribution instead of the work it did. A stopwatch on one request then tells nothing, at any
load; the price is a few milliseconds per submission. Only durations are held, in memory;
nothing about who or what."""

import random
import threading
import time
from collections import deque

# Until this process has kept a submission: about what keeping one costs on a quiet machine.
FIRST_GUESS_SECONDS = 0.006
_random = random.SystemRandom()


class Stopwatch:
    """The work times of recent kept submissions: recent enough to follow the machine's load,
    enough of them to be a distribution."""

    def __init__(self, size: int = 128):
        self._durations: deque[float] = deque(maxlen=size)
        self._lock = threading.Lock()

    def record(self, seconds: float) -> None:
        with self._lock:
            self._durations.append(seconds)

    def clear(self) -> None:
        with self._lock:
            self._durations.clear()

    def target(self) -> float:
        with self._lock:
            if not self._durations:
                return 2 * FIRST_GUESS_SECONDS
            return _random.choice(self._durations) + _random.choice(self._durations)


class Oversleep:
    """How much later than asked a sleep ends here (the scheduler wakes a thread late): learned
    from the sleeps themselves and taken off the next one."""

    def __init__(self):
        self.seconds = 0.0
        self._lock = threading.Lock()

    def learn(self, late: float) -> None:
        with self._lock:
            self.seconds += (max(late, 0.0) - self.seconds) / 16


kept = Stopwatch()
oversleep = Oversleep()


def record_kept(*, work_started: float) -> None:
    """A kept submission's work (from a valid form to the stored row) took this long."""
    kept.record(time.perf_counter() - work_started)


def wait(*, work_started: float) -> None:
    """Sleep until the drawn target has passed since the work started."""
    now = time.perf_counter()
    asked = work_started + kept.target() - now - oversleep.seconds
    if asked > 0:
        time.sleep(asked)
        oversleep.learn(time.perf_counter() - now - asked)
