"""gunicorn's access log without the zelftoets (loaded by gunicorn.conf.py).

gunicorn logs no access lines unless an access log is configured; when an operator turns it on,
requests for the zelftoets still leave no line: time, address and size of a submission would
single a person out."""

from gunicorn.glogging import Logger

QUIET_PREFIXES = ("/zelftoets",)


class AccessLogWithoutZelftoets(Logger):
    def access(self, resp, req, environ, request_time) -> None:
        if (environ.get("PATH_INFO") or "").startswith(QUIET_PREFIXES):
            return
        super().access(resp, req, environ, request_time)
