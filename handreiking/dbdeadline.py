"""Every request bounded while the database stalls.

A frozen or swapping database server keeps its connections open and never answers: the
server-side statement timeout cannot fire in a process that does not run, TCP keepalives are
answered by its kernel, and a worker waits on its socket for ever. So each request has a
deadline. One watchdog thread per process looks four times a second; when a request is past its
deadline it shuts the socket of that request's own database connection. The waiting call then
fails at once (an OperationalError, answered as the Dutch 503 page by `portal.views`), the
broken connection is discarded at the end of the request, and the next request connects afresh:
the instance recovers as soon as the database does. A new connection within a request waits
at most until that request's deadline (`handreiking.database`), so a server that accepts
connections but never answers them does not stretch it either; and right after a cut, only one
thread at a time tries to connect while the others are answered at once, so requests waiting
for a free thread are not held up by connections that would hang as well.

Shutting down a socket is safe from another thread (unlike closing its descriptor, which could
be reused): it only ends the connection, which libpq then reports as closed by the server."""

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

TICK_SECONDS = 0.25
# After a cut, for this long (or until a connection succeeds) the server counts as stalled: new
# connections are tried by one thread at a time, and the others are answered at once.
STALLED_SECONDS = 5.0
# While the server counts as stalled, a request gets this long instead of its usual deadline: a
# healthy server answers in milliseconds, and the requests waiting for a free thread behind the
# stalled ones must not each wait a whole deadline more.
STALLED_DEADLINE_SECONDS = 0.5


@dataclass
class _Armed:
    deadline: float
    database: BaseDatabaseWrapper
    # The connection this request last had cut: a connection it made after that (by the time
    # it is past its deadline it should make none, but a stalled server must not hang it if it
    # does) is cut as well.
    cut_connection: object | None = None

    @property
    def cut(self) -> bool:
        return self.cut_connection is not None

    def due(self, now: float) -> bool:
        current = self.database.connection
        return self.deadline <= now and current is not None and current is not self.cut_connection


class Watchdog:
    def __init__(self):
        self._lock = threading.Lock()
        self._armed: dict[int, _Armed] = {}
        self._thread: threading.Thread | None = None
        self._last_cut: float | None = None
        # Held by the one thread that tries a connection while the server counts as stalled.
        self.probe = threading.Lock()

    def stalled(self) -> bool:
        """Whether a connection was cut lately and none has been made since."""
        last = self._last_cut
        return last is not None and time.monotonic() - last < STALLED_SECONDS

    def connected(self) -> None:
        self._last_cut = None

    def failed_to_connect(self) -> None:
        self._last_cut = time.monotonic()

    def deadline_for(self, seconds: float) -> float:
        """A request's deadline: its usual one, or a short one while the server is stalled."""
        return min(seconds, STALLED_DEADLINE_SECONDS) if self.stalled() else seconds

    @contextlib.contextmanager
    def deadline(
        self,
        seconds: float,
        *,
        alias: str = "default",
        database: BaseDatabaseWrapper | None = None,
    ) -> Iterator[None]:
        """Within this block, this thread's database calls end by `seconds` from now (an earlier
        deadline already set for this thread stays). A connection cut here is closed when the
        block ends, so the next request never inherits it."""
        database = database or connections[alias]
        if database.vendor != "postgresql":
            yield  # SQLite lives in this process: it cannot stall the way a server can
            return
        ident = threading.get_ident()
        wanted = time.monotonic() + seconds
        with self._lock:
            before = self._armed.get(ident)
            deadline = min(wanted, before.deadline) if before else wanted
            armed = self._armed[ident] = _Armed(deadline, database)
            self._start()
        try:
            yield
        finally:
            with self._lock:
                if before is None:
                    self._armed.pop(ident, None)
                else:
                    self._armed[ident] = before
                    before.cut_connection = before.cut_connection or armed.cut_connection
            if armed.cut and before is None:
                database.close()

    def remaining(self) -> float | None:
        """Seconds left before this thread's deadline (negative: passed), None without one."""
        with self._lock:
            armed = self._armed.get(threading.get_ident())
        return None if armed is None else armed.deadline - time.monotonic()

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._watch, name="db-deadline", daemon=True)
            self._thread.start()

    def _watch(self) -> None:
        while True:
            time.sleep(TICK_SECONDS)
            now = time.monotonic()
            with self._lock:
                # A cut entry stays until its request ends, which closes the connection.
                late = [armed for armed in self._armed.values() if armed.due(now)]
                connections_to_cut = []
                for armed in late:
                    armed.cut_connection = armed.database.connection
                    connections_to_cut.append(armed.cut_connection)
                if late:
                    self._last_cut = now
            for raw in connections_to_cut:
                cut(raw)


def cut(raw) -> None:
    """End this psycopg connection's socket, whatever thread is waiting on it."""
    try:
        descriptor = raw.pgconn.socket if raw is not None else -1
    except Exception:  # closed meanwhile: nothing is waiting on it
        return
    if descriptor < 0:
        return
    try:
        # A duplicate descriptor of the same socket: shutting it down ends the connection for
        # the waiting thread too; closing the duplicate leaves the original descriptor alone.
        with socket.socket(fileno=os.dup(descriptor)) as duplicate:
            duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


watchdog = Watchdog()
