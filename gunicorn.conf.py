"""gunicorn settings, loaded from the working directory: `gunicorn portal.wsgi:application`.

What the portal needs to keep its promises and survive the internet's habits. Binding and the
number of workers are the operator's (command line or GUNICORN_CMD_ARGS): bind to 127.0.0.1 or a
unix socket, never to 0.0.0.0. nginx in front (docs/nginx/handreiking.conf) is required, not an
option: it passes a request on only once its head and body are complete, and nothing here can
stand up to slow clients without it."""

import os

from portal.gunicorn_logging import AccessLogWithoutZelftoets

# Threads: a slow client (1 byte a second) holds one thread, not a whole worker, so a few of them
# leave the other threads to /healthz and readers. Many do not: 200 slow connections hold every
# thread of every worker, and /healthz, pages and the API time out. Only nginx in front survives
# them (tests/test_behind_nginx.py). Django is thread-safe here.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request that takes longer than this is stuck (the database answers within 5 s or fails):
# the worker is replaced instead of holding its threads.
timeout = 20
graceful_timeout = 20
keepalive = 5
# Small request heads: nothing here needs more.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# gunicorn 27's control socket lives in the user's home directory, shared by every instance of
# that user on the machine: each instance would steer the others. The portal does not use it.
control_socket_disable = True
# No access line ever records the zelftoets, whatever access log the operator turns on.
logger_class = AccessLogWithoutZelftoets
# Neither the client's address (%(h)s) nor the query string is part of the line format we
# suggest: method, path and protocol instead of the request line %(r)s, so what a reader
# searched for (/zoeken/?q=...) never reaches a log.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
