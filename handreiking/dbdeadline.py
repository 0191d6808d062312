"""Every request bounded while the database stalls.

A frozen or swapping database server keeps its connections open and never answers: the
server-side statement timeout cannot fire in a process that does not run, TCP keepalives are
answered by its kernel, and a worker waits on its socket for ever. So each request has a
deadline. One watchdog thread per process looks four times a second; when a request is past its
deadline it shuts the socket of that request's own database connection. The waiting call then
fails at once (an OperationalError, answered as the Dutch 503 page by `portal.views`), the
broken connection is discarded at the end of the request, and the next request connects afresh:
the instance recovers as soon as the database does.

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


@dataclass
class _Armed:
    deadline: float
    database: BaseDatabaseWrapper


class Watchdog:
    def __init__(self):
        self._lock = threading.Lock()
        self._armed: dict[int, _Armed] = {}
        self._thread: threading.Thread | None = None

    @contextlib.contextmanager
    def deadline(self, seconds: float, *, alias: str = "default") -> Iterator[None]:
        """Within this block, this thread's database calls end by `seconds` from now (an earlier
        deadline already set for this thread stays)."""
        database = connections[alias]
        if database.vendor != "postgresql":
            yield  # SQLite lives in this process: it cannot stall the way a server can
            return
        ident = threading.get_ident()
        wanted = time.monotonic() + seconds
        with self._lock:
            before = self._armed.get(ident)
            deadline = min(wanted, before.deadline) if before else wanted
            self._armed[ident] = _Armed(deadline, database)
            self._start()
        try:
            yield
        finally:
            with self._lock:
                if before is None:
                    self._armed.pop(ident, None)
                else:
                    self._armed[ident] = before

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._watch, name="db-deadline", daemon=True)
            self._thread.start()

    def _watch(self) -> None:
        while True:
            time.sleep(TICK_SECONDS)
            now = time.monotonic()
            with self._lock:
                late = [
                    (ident, armed) for ident, armed in self._armed.items() if armed.deadline <= now
                ]
                for ident, _armed in late:
                    del self._armed[ident]
            for _ident, armed in late:
                cut(armed.database)


def cut(database: BaseDatabaseWrapper) -> None:
    """End this database connection's socket, whatever thread is waiting on it."""
    raw = database.connection
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
