"""gunicorn settings, loaded from the working directory: `gunicorn portal.wsgi:application`.

Only what the portal needs to keep its promises; workers, binding and timeouts are the
operator's to set on the command line or in GUNICORN_CMD_ARGS."""

from portal.gunicorn_logging import AccessLogWithoutZelftoets

# No access line ever records the zelftoets, whatever access log the operator turns on.
logger_class = AccessLogWithoutZelftoets
# The client's address is not part of the default line format we suggest: %(h)s is left out.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(L)ss'
