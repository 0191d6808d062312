"""The request deadline (handreiking/dbdeadline.py) and the backend that connects within it
(handreiking/database): what cuts a stalled wait, what a request may still do afterwards, and
how the process finds out that the server is back."""

import contextlib
import socket
import threading
import time

import pytest
from django.db import OperationalError, connection
from django.db.backends.postgresql import base as postgresql

from handreiking import dbdeadline
from handreiking.database.base import DatabaseWrapper


class FakeServerConnection:
    """What the watchdog reads of a connection: its socket, as psycopg's pgconn gives it."""

    def __init__(self, sock: socket.socket):
        self.pgconn = type("PGconn", (), {"socket": sock.fileno()})()


class FakeDatabase:
    vendor = "postgresql"

    def __init__(self, sock: socket.socket | None):
        self.connection = FakeServerConnection(sock) if sock else None
        self.closed = False

    def close(self):
        self.closed = True


@pytest.fixture
def watchdog():
    return dbdeadline.Watchdog()


def test_a_wait_past_the_deadline_is_cut_and_the_connection_closed_afterwards(watchdog):
    ours, server = socket.socketpair()
    database = FakeDatabase(ours)
    started = time.monotonic()
    with watchdog.deadline(0.3, database=database):
        # The stalled server: nothing ever comes. The cut ends the wait with end of file.
        assert ours.recv(1) == b""
    assert 0.3 <= time.monotonic() - started < 1.5
    assert database.closed  # the next request never inherits the cut connection
    assert watchdog.stalled()
    assert watchdog.deadline_for(2.5) == dbdeadline.STALLED_DEADLINE_SECONDS
    watchdog.connected()
    assert not watchdog.stalled() and watchdog.deadline_for(2.5) == 2.5
    server.close()
    ours.close()


def test_work_within_the_deadline_is_left_alone(watchdog):
    ours, server = socket.socketpair()
    database = FakeDatabase(ours)
    with watchdog.deadline(5, database=database):
        server.sendall(b"x")
        assert ours.recv(1) == b"x"
        assert 4 < watchdog.remaining() <= 5
    assert watchdog.remaining() is None
    assert not database.closed and not watchdog.stalled()
    server.close()
    ours.close()


def test_a_nested_deadline_never_extends_the_outer_one(watchdog):
    database = FakeDatabase(None)
    with watchdog.deadline(1, database=database):
        with watchdog.deadline(10, database=database):
            assert watchdog.remaining() <= 1
        assert watchdog.remaining() <= 1


def test_a_connection_made_after_the_cut_is_cut_too(watchdog):
    """However a request comes to connect again past its deadline, a stalled server must not
    hold it: the new connection is cut at the next look."""
    first, first_server = socket.socketpair()
    second, second_server = socket.socketpair()
    database = FakeDatabase(first)
    started = time.monotonic()
    with watchdog.deadline(0.2, database=database):
        assert first.recv(1) == b""
        database.connection = FakeServerConnection(second)
        assert second.recv(1) == b""
    assert time.monotonic() - started < 2
    for sock in (first, first_server, second, second_server):
        sock.close()


def test_a_request_past_its_deadline_does_not_connect(backend):
    wrapper, asked, watchdog = backend
    with watchdog.deadline(0.01, database=FakeDatabase(None)):
        time.sleep(0.05)
        with pytest.raises(postgresql.Database.OperationalError):
            wrapper.get_new_connection({"connect_timeout": 3})
    assert asked == []


def test_cutting_a_closed_connection_does_nothing():
    dbdeadline.cut(None)
    dbdeadline.cut(type("Gone", (), {"pgconn": property(lambda self: 1 / 0)})())


def test_sqlite_has_no_deadline(watchdog):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with watchdog.deadline(0.01):
        time.sleep(0.05)
    assert watchdog.remaining() is None


class FakeConnection:
    """A new connection: its statements are answered, or (`stalls`) cut at the deadline."""

    def __init__(self):
        self.statements: list[str] = []
        self.stalls = False

    @contextlib.contextmanager
    def cursor(self):
        yield self

    def execute(self, sql: str) -> None:
        if self.stalls:
            raise postgresql.Database.OperationalError("server closed the connection")
        self.statements.append(sql)


@pytest.fixture
def backend(monkeypatch, watchdog):
    """The portal's backend, with the connection itself replaced: these tests are about when it
    connects and how long it waits, not about PostgreSQL."""
    asked = []

    def fake_connect(self, conn_params):
        asked.append(conn_params)
        if conn_params.get("host") == "stalled":
            raise postgresql.Database.OperationalError("timeout expired")
        return FakeConnection()

    monkeypatch.setattr(postgresql.DatabaseWrapper, "get_new_connection", fake_connect)
    monkeypatch.setattr(postgresql.DatabaseWrapper, "init_connection_state", lambda self: None)
    monkeypatch.setattr("handreiking.database.base.watchdog", watchdog)
    wrapper = DatabaseWrapper({**connection.settings_dict, "OPTIONS": {}}, alias="test")
    return wrapper, asked, watchdog


def test_a_connection_waits_only_as_long_as_the_request_has_left(backend):
    wrapper, asked, watchdog = backend
    with watchdog.deadline(3.7, database=FakeDatabase(None)):
        wrapper.get_new_connection({"connect_timeout": 3})
        wrapper.get_new_connection({"connect_timeout": 10})
    wrapper.get_new_connection({"connect_timeout": 3})
    assert [params["connect_timeout"] for params in asked] == [3, 3, 3]
    with watchdog.deadline(0.5, database=FakeDatabase(None)):
        with pytest.raises(postgresql.Database.OperationalError):
            wrapper.get_new_connection({"connect_timeout": 3})


def test_after_a_stall_one_thread_probes_and_the_others_are_answered_at_once(backend):
    wrapper, asked, watchdog = backend
    with pytest.raises(postgresql.Database.OperationalError):
        wrapper.get_new_connection({"host": "stalled", "connect_timeout": 3})
    assert watchdog.stalled()
    watchdog.probe.acquire()  # another thread is probing
    try:
        with pytest.raises(postgresql.Database.OperationalError):
            wrapper.get_new_connection({"connect_timeout": 3})
    finally:
        watchdog.probe.release()
    # This thread probes, with libpq's shortest wait, and connects: not enough to count the
    # server as back, which a first answered statement shows.
    wrapper.connection = wrapper.get_new_connection({"connect_timeout": 3})
    assert asked[-1]["connect_timeout"] == 2
    assert watchdog.stalled()
    wrapper.init_connection_state()
    assert wrapper.connection.statements == ["SELECT 1"]
    assert not watchdog.stalled()


def test_a_probe_that_connects_to_a_stalled_server_leaves_it_counted_as_stalled(backend):
    """A stalled server's postmaster may still hand out a backend, which then stops: the
    requests after this one must keep their short deadlines."""
    wrapper, _asked, watchdog = backend
    watchdog.failed_to_connect()
    wrapper.connection = wrapper.get_new_connection({"connect_timeout": 3})
    wrapper.connection.stalls = True
    with pytest.raises(postgresql.Database.OperationalError):
        wrapper.init_connection_state()
    assert watchdog.stalled()
    assert watchdog.deadline_for(2.5) == dbdeadline.STALLED_DEADLINE_SECONDS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_query_on_a_stalled_postgresql_connection_ends_at_the_deadline():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    watchdog = dbdeadline.Watchdog()
    started = time.monotonic()
    with pytest.raises(OperationalError), watchdog.deadline(0.5):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(20)")  # as long as a stalled server takes
    assert time.monotonic() - started < 3
    assert connection.connection is None  # closed: the next query connects afresh
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_the_watchdog_thread_starts_once(watchdog):
    database = FakeDatabase(None)
    with watchdog.deadline(1, database=database):
        first = watchdog._thread
    with watchdog.deadline(1, database=database):
        assert watchdog._thread is first
    assert first.is_alive() and first.daemon
    assert threading.active_count() >= 2
