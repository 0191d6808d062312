"""Django's PostgreSQL backend, with each new connection bounded by the request's deadline
(`handreiking.dbdeadline`): a request past its deadline does not connect again, and one with
little time left waits for a connection only that long. Selected in portal/settings.py."""

import math

from django.db.backends.postgresql import base

from handreiking.dbdeadline import watchdog

# libpq's connect_timeout counts whole seconds and treats anything below 2 as 2; with less than
# a second left a connection would end a second past the deadline or more: none is opened.
SHORTEST_CONNECT_SECONDS = 2
LEAST_TIME_LEFT_SECONDS = 1


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        remaining = watchdog.remaining()
        if remaining is not None and remaining <= 0:
            # Its connection was cut (or is about to be): this request is answered 503 now, and
            # a connection it made would only find the stalled server again.
            raise self.Database.OperationalError("this request is past its database deadline")
        stalled = watchdog.stalled()
        # The server stalled a moment ago: one thread finds out whether it is back, the others
        # do not wait for a connection that would most likely hang too.
        if stalled and not watchdog.probe.acquire(blocking=False):
            raise self.Database.OperationalError("the database stalled; not connecting now")
        try:
            if stalled:
                # The probe gets libpq's shortest wait, whatever its request's short deadline.
                connection = super().get_new_connection(
                    {**conn_params, "connect_timeout": SHORTEST_CONNECT_SECONDS}
                )
            else:
                connection = self._connect(conn_params)
        except self.Database.OperationalError:
            watchdog.failed_to_connect()
            raise
        finally:
            if stalled:
                watchdog.probe.release()
        # A stalled server may still accept a connection (its postmaster runs; the new backend
        # stops later): only an answered statement shows it is back (`init_connection_state`).
        self._unproven = stalled
        if not stalled:
            watchdog.connected()
        return connection

    def init_connection_state(self):
        super().init_connection_state()
        if getattr(self, "_unproven", False):
            self._unproven = False
            # On the connection Django now holds, so the request's deadline can cut this too.
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            watchdog.connected()

    def _connect(self, conn_params):
        remaining = watchdog.remaining()
        if remaining is not None:
            if remaining < LEAST_TIME_LEFT_SECONDS:
                raise self.Database.OperationalError(
                    "no time left in this request to connect to the database"
                )
            configured = conn_params.get("connect_timeout") or math.inf
            left = max(SHORTEST_CONNECT_SECONDS, math.floor(remaining))
            conn_params = {**conn_params, "connect_timeout": int(min(configured, left))}
        return super().get_new_connection(conn_params)
