"""The production server (gunicorn) as the tests start it: real process, loopback only; and
the reference nginx (docs/nginx/handreiking.conf) in front of it."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(settings: dict[str, str]) -> dict[str, str]:
    """The environment of a portal process on the production settings, over plain HTTP."""
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_HTTPS": "0",
        "DJANGO_DEBUG": "0",
        **settings,
    }


@contextmanager
def gunicorn(settings: dict[str, str], *, workers: int = 1, args: tuple[str, ...] = ()):
    """Collect static files (production storage needs its manifest), start gunicorn with these
    environment settings (and gunicorn.conf.py from the project root, as production does),
    wait until it listens, yield its base URL, and stop it."""
    env = server_env(settings)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "-b", f"127.0.0.1:{port}",
         "--workers", str(workers), "--backlog", "512", *args],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


NGINX_CONF = ROOT / "docs" / "nginx" / "handreiking.conf"
NGINX_SSO_CONF = ROOT / "docs" / "nginx" / "handreiking-sso.conf"
NGINX_MISSING = "nginx is not installed (Debian: apt-get install nginx)"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(path, os.X_OK)),
        None,
    )


def reference_nginx_conf(tmp: Path, port: int, upstreams: list[str], text: str) -> str:
    """docs/nginx/handreiking.conf (or text derived from it) with only what a test machine
    changes: the upstreams, plain HTTP on a loopback port instead of TLS on 443, and the cache
    and log paths in `tmp`. Every other line is the reference's own."""
    servers = "".join(
        f"    server {address} max_fails=3 fail_timeout=10s;\n" for address in upstreams
    )
    replacements = [
        (r"(upstream handreiking_app \{\n)(?:[^\n]*\n)*?(\})", rf"\g<1>{servers}\g<2>"),
        (r"/var/cache/nginx/handreiking", str(tmp / "cache")),
        (r"/var/log/nginx/", f"{tmp}/"),
        (r"server \{\n    listen 80;.*?\n\}\n", ""),
        (r"listen 443 ssl http2;", f"listen 127.0.0.1:{port};"),
        (r"\n    ssl_certificate[^\n]*", ""),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text, flags=re.S)
        assert count >= 1, f"docs/nginx/handreiking.conf changed: {pattern} not found"
    return text


@contextmanager
def nginx(tmp: Path, upstreams: list[str], *, conf: str | None = None, http: str = ""):
    """Start nginx with the reference configuration in front of these upstreams ("host:port"),
    yield its base URL, and stop it. `conf`: the reference text after the test's own edits
    (e.g. the SSO snippet in place of location /admin/); `http`: more lines for the http
    context (e.g. a stand-in SSO service). Everything nginx writes stays in `tmp`."""
    binary = nginx_binary()
    assert binary, NGINX_MISSING
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    text = reference_nginx_conf(tmp, port, upstreams, conf or NGINX_CONF.read_text())
    (tmp / "handreiking.conf").write_text(text)
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else ""
    temp_paths = "\n".join(
        f"    {kind}_temp_path {tmp}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx's workers would run as "nobody" and could not read tmp (mode 700).
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(f"""
{user}
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    {mime}
    default_type application/octet-stream;
{temp_paths}
{http}
    include {tmp}/handreiking.conf;
}}
""")
    with open(tmp / "stderr.log", "wb") as stderr:
        server = subprocess.Popen(  # noqa: S603
            [binary, "-p", f"{tmp}/", "-e", f"{tmp}/error.log", "-c", f"{tmp}/nginx.conf",
             "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 15
        while True:
            if server.poll() is not None:
                log = (tmp / "stderr.log").read_text() + (tmp / "error.log").read_text()
                raise RuntimeError(f"nginx did not start:\n{log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
