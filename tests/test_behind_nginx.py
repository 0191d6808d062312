"""The portal as production runs it: gunicorn on 127.0.0.1 behind the reference nginx
(docs/nginx/handreiking.conf), both as real processes (issue 23).

- The SSO header counts only from the proxy's address (STAFF_SSO_PROXIES): sent straight to
  gunicorn it does nothing, in any spelling; sent to nginx it never arrives, because nginx clears
  it; only the SSO service's answer reaches the portal (docs/nginx/handreiking-sso.conf).
- Slow clients wait on nginx: with 200 of them trickling in, the health check, the home page
  and the API still answer at once, from gunicorn, through nginx.

nginx connects to gunicorn from 127.0.0.2 (proxy_bind, a test-only line), the test's own direct
requests come from 127.0.0.1: so gunicorn can tell them apart, as it tells nginx's address from
anyone else's in production. The tests that need nginx are skipped where it is not installed."""

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.servers import (
    NGINX_CONF,
    NGINX_MISSING,
    NGINX_SSO_CONF,
    ROOT,
    free_port,
    gunicorn,
    nginx,
    nginx_binary,
)

# The real stack; the tests of the configuration's text run everywhere.
needs_nginx = pytest.mark.skipif(nginx_binary() is None, reason=NGINX_MISSING)

NGINX_PEER = "127.0.0.2"  # the address nginx connects to gunicorn from
SSO_ACCOUNT = "j.jansen"  # the staff member the SSO service signs in
VICTIM = "p.pietersen"  # the staff member a spoofer names in X-Remote-User
SLOW_CLIENTS = 200


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=300
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    """A migrated SQLite file of its own, whichever database the suite runs on: these tests are
    about the proxy in front, not the database. With the two staff accounts."""
    url = f"sqlite:///{tmp_path_factory.mktemp('portal') / 'portal.sqlite3'}"
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STAFF_SSO", "TRUSTED", "REDIS", "DATABASE", "DJANGO_"))
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_HTTPS": "0",
        "DATABASE_URL": url,
        "STAFF_PASSWORD": "correct-horse-battery-staple",
    }
    manage(env, "migrate", "--noinput", "-v0")
    for username in (SSO_ACCOUNT, VICTIM):
        manage(
            env, "create_staff", "--role", "redacteur", "--username", username,
            "--email", f"{username}@example.org", "--no-input", "-v0",
        )  # fmt: skip
    return url


@pytest.fixture(scope="module")
def app(database) -> str:
    """gunicorn as docs/deployment.md starts it (gunicorn.conf.py, bound to 127.0.0.1), with
    SSO on and nginx's address as the only one allowed to set the header."""
    settings = {
        "DATABASE_URL": database,
        "REDIS_URL": "",
        "TRUSTED_PROXIES": "1",
        "STAFF_SSO_HEADER": "X-Remote-User",
        "STAFF_SSO_PROXIES": NGINX_PEER,
        "ZELFTOETS_RATE_LIMIT": "0",
    }
    with gunicorn(settings, workers=2) as base:
        yield base


def upstream(base: str) -> list[str]:
    return [base.removeprefix("http://")]


# A test-only line: nginx's own connections to gunicorn come from NGINX_PEER.
PROXY_BIND = f"    proxy_bind {NGINX_PEER};"


@pytest.fixture(scope="module")
def reference_nginx(app, tmp_path_factory) -> str:
    """docs/nginx/handreiking.conf as it is (addresses, ports and paths replaced)."""
    with nginx(tmp_path_factory.mktemp("nginx"), upstream(app), http=PROXY_BIND) as base:
        yield base


@pytest.fixture(scope="module")
def sso_nginx(app, tmp_path_factory) -> str:
    """The reference with docs/nginx/handreiking-sso.conf in place of location /admin/, and a
    stand-in SSO service: it signs in whoever the cookie test_sso names, and answers 401
    without it."""
    sso_port = free_port()
    snippet = NGINX_SSO_CONF.read_text().replace(
        "https://sso.intranet.example/controleer", f"http://127.0.0.1:{sso_port}/controleer"
    )
    snippet = "".join(f"    {line}".rstrip() + "\n" for line in snippet.splitlines())
    admin_block = re.compile(r"\n    location /admin/ \{\n.*?\n    \}\n", flags=re.S)
    conf, count = admin_block.subn(lambda _: "\n" + snippet, NGINX_CONF.read_text())
    assert count == 1, "docs/nginx/handreiking.conf: location /admin/ not found"
    service = f"""{PROXY_BIND}
    server {{
        listen 127.0.0.1:{sso_port};
        location = /controleer {{
            if ($cookie_test_sso = "") {{ return 401; }}
            add_header X-Auth-User $cookie_test_sso;
            return 204;
        }}
    }}"""
    with nginx(
        tmp_path_factory.mktemp("nginx-sso"), upstream(app), conf=conf, http=service
    ) as base:
        yield base


def get(
    base: str, path: str, headers: list[tuple[str, str]] = (), *, source: str | None = None
) -> tuple[int, dict[str, str], str]:
    """GET with these header lines exactly as written (names with underscores, any case),
    optionally from another loopback address."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(
        host, int(port), timeout=10, source_address=(source, 0) if source else None
    )
    try:
        connection.putrequest("GET", path)
        for name, value in headers:
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def signed_in_as(response: tuple[int, dict[str, str], str]) -> str | None:
    """Who /admin/ greets: the admin index names the account; anyone else is sent to log in."""
    status, headers, body = response
    if status == 302:
        return None
    assert status == 200, (status, headers)
    return next((name for name in (SSO_ACCOUNT, VICTIM) if f">{name}<" in body), "?")


SPELLINGS = ["X-Remote-User", "x-remote-user", "X-REMOTE-USER", "X_Remote_User", "REMOTE_USER"]


@pytest.mark.parametrize("name", SPELLINGS)
def test_the_header_sent_straight_to_gunicorn_signs_nobody_in(app, name):
    """The attack of issue 23: gunicorn reached directly, the header and any X-Forwarded-For."""
    forged = [(name, VICTIM), ("X-Forwarded-For", "10.9.8.7, 127.0.0.2")]
    response = get(app, "/admin/", forged)
    assert signed_in_as(response) is None
    assert response[1]["location"].startswith("/admin/login/")


def test_the_same_header_from_the_proxys_address_does_sign_in(app):
    """The control for the test above: the address is what decides, nothing else."""
    assert signed_in_as(get(app, "/admin/", [("X-Remote-User", VICTIM)], source=NGINX_PEER)) == (
        VICTIM
    )


@pytest.mark.parametrize("name", ["X_Remote_User", "x_remote_user", "X_REMOTE_USER"])
def test_gunicorn_drops_underscored_spellings_even_from_the_proxy(app, name):
    # gunicorn's header_map=drop (its default): X_Remote_User never becomes HTTP_X_REMOTE_USER.
    assert signed_in_as(get(app, "/admin/", [(name, VICTIM)], source=NGINX_PEER)) is None


@needs_nginx
@pytest.mark.parametrize("name", SPELLINGS)
def test_nginx_never_passes_on_the_header_a_browser_sent(reference_nginx, name):
    response = get(reference_nginx, "/admin/", [(name, VICTIM)])
    assert signed_in_as(response) is None
    assert response[1]["location"].startswith("/admin/login/")


@needs_nginx
def test_through_nginx_only_the_sso_services_answer_signs_in(sso_nginx):
    # No SSO sign-in: sent to the SSO service, whatever the browser claims.
    status, headers, _ = get(sso_nginx, "/admin/", [("X-Remote-User", VICTIM)])
    assert status == 302
    assert headers["location"].startswith("https://sso.intranet.example/aanmelden?terug=")
    # Signed in at the SSO service: that name, and never the one the browser adds.
    for extra in ([], [("X-Remote-User", VICTIM)], [("X_Remote_User", VICTIM)]):
        response = get(sso_nginx, "/admin/", [("Cookie", f"test_sso={SSO_ACCOUNT}"), *extra])
        assert signed_in_as(response) == SSO_ACCOUNT, extra
        assert "sessionid=" in response[1].get("set-cookie", "")
    # Public pages never see it either: no session, and still from the micro-cache's path.
    status, headers, _ = get(sso_nginx, "/", [("X-Remote-User", SSO_ACCOUNT)])
    assert status == 200
    assert "set-cookie" not in headers


def test_every_location_of_the_reference_clears_the_header():
    """The text behind the tests above: the server clears the header, and a location with
    proxy_set_header lines of its own (which inherits none of the server's) sets it itself."""
    for path in (NGINX_CONF, NGINX_SSO_CONF):
        text = path.read_text()
        blocks = re.findall(r"\n\s*location [^{]*\{(.*?)\n\s*\}", text, flags=re.S)
        assert blocks, path
        for block in blocks:
            if "proxy_set_header" in block and "proxy_pass http://handreiking_app" in block:
                assert "proxy_set_header X-Remote-User" in block, (path, block)
    reference = NGINX_CONF.read_text()
    assert '\n    proxy_set_header X-Remote-User "";\n' in reference
    assert "underscores_in_headers on" not in reference


class SlowClients:
    """Connections that send a request's head or body a few bytes at a time, forever: half of
    them stuck in the headers, half in a 50 KB zelftoets body."""

    def __init__(self, base: str, count: int):
        host, port = base.removeprefix("http://").split(":")
        self.sockets: list[tuple[socket.socket, bytes]] = []
        for number in range(count):
            sock = socket.create_connection((host, int(port)), timeout=5)
            sock.settimeout(None)  # blocking again: MSG_DONTWAIT below answers at once
            if number % 2:
                sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                self.sockets.append((sock, b"X-Traag: ja\r\n"))
            else:
                sock.sendall(
                    b"POST /zelftoets/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: 50000\r\n\r\ncolleagues=ja&"
                )
                self.sockets.append((sock, b"a"))
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._trickle, daemon=True)
        self.thread.start()

    def _trickle(self) -> None:
        while not self.stop.wait(1):
            for sock, piece in self.sockets:
                try:
                    sock.sendall(piece)
                except OSError:
                    pass

    def still_waiting(self) -> int:
        """How many are still open with nothing answered: nginx is still holding them."""
        waiting = 0
        for sock, _ in self.sockets:
            try:
                sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
            except BlockingIOError:
                waiting += 1
            except OSError:
                pass
        return waiting

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        for sock, _ in self.sockets:
            sock.close()


@needs_nginx
def test_200_slow_clients_wait_on_nginx_while_everyone_else_is_served(reference_nginx):
    """Without nginx they take gunicorn's threads (gunicorn.conf.py says so); with the
    reference in front, nginx holds them and the app answers the rest at once. The cookie
    keeps nginx's micro-cache out of it: every answer here comes from gunicorn."""
    paths = ("/healthz", "/", "/api/v1/hoofdstukken")
    bypass = [("Cookie", "sessionid=geen")]
    for path in paths:  # workers import Django after they start listening
        assert get(reference_nginx, path, bypass)[0] == 200, path
    slow = SlowClients(reference_nginx, SLOW_CLIENTS)
    try:
        time.sleep(1.5)  # a trickle round: nginx has read what they sent
        assert slow.still_waiting() == SLOW_CLIENTS
        for _ in range(3):
            for path in paths:
                start = time.monotonic()
                status, headers, _ = get(reference_nginx, path, bypass)
                seconds = time.monotonic() - start
                assert status == 200, path
                assert seconds < 5, (path, seconds)
                if path != "/healthz":
                    assert headers["x-cache-status"] == "BYPASS", path
            time.sleep(0.5)
        # They were really there all along: none was answered or cut (nginx's header timeout
        # is 10 s in all, its body timeout 10 s between two pieces).
        assert slow.still_waiting() == SLOW_CLIENTS
    finally:
        slow.close()


def test_the_requirement_is_written_down():
    """gunicorn.conf.py no longer claims to survive slow clients on its own, and the deployment
    guide binds gunicorn to loopback or a socket, never to every address."""
    conf = (ROOT / "gunicorn.conf.py").read_text()
    assert "even without the proxy" not in conf
    assert "nginx" in conf
    guide = (ROOT / "docs" / "deployment.md").read_text()
    binds = re.findall(r"--bind\s+(\S+)", guide)
    assert binds, "docs/deployment.md starts gunicorn nowhere"
    for bind in binds:
        assert bind.startswith(("127.0.0.1:", "unix:")), bind
