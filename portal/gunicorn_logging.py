"""gunicorn's access log without the zelftoets and without query strings (loaded by
gunicorn.conf.py).

gunicorn logs no access lines unless an access log is configured; when an operator turns it on,
requests for the zelftoets still leave no line: time, address and size of a submission would
single a person out. Other lines carry the path without the query string, and no referrer,
whatever line format the operator picks: what a reader searched for (/zoeken/?q=...) is in the
query string, and in the referrer of the result the reader opens next."""

from gunicorn.glogging import Logger

QUIET_PREFIXES = ("/zelftoets",)


class AccessLogWithoutZelftoets(Logger):
    def access(self, resp, req, environ, request_time) -> None:
        if (environ.get("PATH_INFO") or "").startswith(QUIET_PREFIXES):
            return
        super().access(resp, req, environ, request_time)

    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        path = (environ.get("RAW_URI") or "").split("?", 1)[0]
        method, protocol = environ.get("REQUEST_METHOD"), environ.get("SERVER_PROTOCOL")
        atoms.update(
            {
                "r": f"{method} {path} {protocol}",
                "q": "",
                "f": "-",
                "{raw_uri}e": path,
                "{query_string}e": "",
                "{http_referer}e": "-",
                "{referer}i": "-",
            }
        )
        return atoms
