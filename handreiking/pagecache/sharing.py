"""One content-version read for the requests of a process that need one at the same moment.

With threaded workers (gunicorn.conf.py) several requests of one process often need the version
at once. A request may use a read that was sent after it arrived: that read sees every
publication committed before the request came in, which is all a read of its own would see. So
requests that arrive while a read is under way wait for the next read and share it; a request
that finds none under way sends its own. Nothing is kept: a read serves only the requests that
were already waiting when it was sent, so a publish still shows on the very next request.
With sync workers there is never more than one request, and every request reads for itself.
"""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

# A read that takes longer than this has failed (the database has its own, shorter, limits);
# the requests waiting for it then read for themselves.
WAIT_SECONDS = 30.0


class _Round:
    __slots__ = ("done", "ok", "result")

    def __init__(self):
        self.done = threading.Event()
        self.ok = False
        self.result = None


class SharedRead(Generic[T]):
    def __init__(self, read: Callable[[], T]):
        self._read = read
        self._lock = threading.Lock()
        self._running: _Round | None = None  # sent, not answered yet
        self._next: _Round | None = None  # gathering the requests that arrived meanwhile

    def __call__(self) -> T:
        with self._lock:
            if self._running is None:
                mine, lead, before = _Round(), True, None
                self._running = mine
            elif self._next is None:
                mine, lead, before = _Round(), True, self._running
                self._next = mine
            else:
                mine, lead, before = self._next, False, None
        if not lead:
            if mine.done.wait(WAIT_SECONDS) and mine.ok:
                return mine.result
            return self._read()  # the shared read failed: this request reads for itself
        try:
            if before is not None:
                # Sent before this request arrived: wait for it to be answered, then send ours.
                before.done.wait(WAIT_SECONDS)
                with self._lock:
                    self._running, self._next = mine, None
            mine.result = self._read()
            mine.ok = True
            return mine.result
        finally:
            with self._lock:
                if self._running is mine:
                    self._running = None
                if self._next is mine:  # never sent (interrupted while waiting)
                    self._next = None
            mine.done.set()
