"""Django's connection health check (CONN_HEALTH_CHECKS) without a round trip of its own.

Before the first query of a request on a kept connection Django sends `SELECT 1`. On the two
paths that run on every request that round trip is a third of the database time, so they answer
the check another way: the page cache's version read is itself a query that fails the same way
(`handreiking.pagecache.keys`: a median of 30 % more pages per second than after Django's
`SELECT 1`, bench/RESULTS.md, 2026-12-07), and the zelftoets asks the socket
(`check_from_socket`)."""

import select

from django.db import connection

try:
    from psycopg import pq
except ImportError:  # SQLite only, without libpq: no check is ever due
    pq = None


def check_due() -> bool:
    """Whether Django would send its health check before the next query."""
    if connection.vendor != "postgresql" or connection.connection is None:
        return False
    return (
        connection.health_check_enabled
        and not connection.health_check_done
        and not connection.in_atomic_block
        and connection.connection.autocommit
        and connection.connection.pgconn.transaction_status == pq.TransactionStatus.IDLE
    )


def check_from_socket() -> None:
    """The health check from the socket: an idle connection the server has closed (a restart,
    an idle-session timeout, a terminated backend) has its end of file or error message waiting
    to be read, a healthy idle one has nothing. A connection with something to read is closed,
    and the next query opens a fresh one, as after a failed `SELECT 1`. For a statement that
    must not be repeated, where a read-only query cannot stand in for the check."""
    if not check_due():
        return
    try:
        # poll, not select: a worker with many open sockets may give this one a number >= 1024.
        poller = select.poll()
        poller.register(connection.connection.pgconn.socket, select.POLLIN)
        readable = bool(poller.poll(0))
    except (OSError, ValueError, connection.Database.Error):
        return  # Django's own check runs before the next query
    if readable:
        connection.close()
    else:
        connection.health_check_done = True
