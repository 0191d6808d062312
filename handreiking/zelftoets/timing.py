"""Same time for every answer: whether a submission was kept, or not (delen=nee, over the rate
limit, or already one from this computer in this period), its answer leaves after the time that
keeping one takes.

A kept submission takes its own time: the work of keeping it. Every other answer waits until
the work time of a recent kept submission in this process, drawn afresh each time, has passed
since its work started. Both kinds are then a draw from the same distribution, the work time of
a kept submission at the current load, so a stopwatch on one request tells nothing. Only a
submission that was not kept pays for it, with the time it would have taken to keep it; a kept
one only settles (two milliseconds), so throughput is what the work allows. Only durations are
held, in memory; nothing about who or what."""

import random
import threading
import time
from collections import deque

# Until this process has kept a submission: about what keeping one costs on a quiet machine.
FIRST_GUESS_SECONDS = 0.006
# Every answer ends with a sleep, kept or not: a thread wakes later than asked by an amount that
# depends on the load, and that delay must be in both kinds of answer, not only in the ones that
# waited. Measured on a loaded machine: 0.5 ms left a kept answer slower than one that waited
# (61 % for a stopwatch), 2 ms did not (46-54 %); two milliseconds per kept submission.
SETTLE_SECONDS = 0.002
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
                return FIRST_GUESS_SECONDS
            return _random.choice(self._durations)


kept = Stopwatch()


def record_kept(*, work_started: float) -> None:
    """A kept submission's work (from a valid form to the stored row) took this long; its
    answer then settles like every other (`SETTLE_SECONDS`)."""
    kept.record(time.perf_counter() - work_started)
    time.sleep(SETTLE_SECONDS)


def wait(*, work_started: float) -> None:
    """For an answer that kept nothing: sleep until a kept submission's work time, drawn from
    the recent ones, and the settling time have passed since the work started."""
    asked = work_started + kept.target() + SETTLE_SECONDS - time.perf_counter()
    if asked > 0:
        time.sleep(asked)
