"""Staff single sign-on through the intranet proxy (handreiking/sso.py): off by default; when on,
only existing active staff get in, only on /admin/, only when the socket's peer is one of
STAFF_SSO_PROXIES (never because of X-Forwarded-For); public pages stay anonymous and cacheable;
every attempt is logged. Through real gunicorn and nginx: tests/test_behind_nginx.py."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import Client, RequestFactory

from handreiking.sso import StaffSSOMiddleware, meta_key
from tests.factories import ChapterFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"
SSO_MIDDLEWARE = "handreiking.sso.StaffSSOMiddleware"
SSO_BACKEND = "handreiking.sso.StaffSSOBackend"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
CLIENT = "192.0.2.10"  # the browser's address, as the proxy saw it and appended to X-Forwarded-For
NGINX = "10.0.0.2"  # the proxy's own address: the socket peer (REMOTE_ADDR) of its requests
STRANGER = "198.51.100.7"  # anyone else who reaches gunicorn


@pytest.fixture
def sso(settings):
    """The settings as portal/settings.py makes them with STAFF_SSO_HEADER=X-Remote-User,
    STAFF_SSO_PROXIES=10.0.0.2 and TRUSTED_PROXIES=1."""
    settings.STAFF_SSO_HEADER = "X-Remote-User"
    settings.STAFF_SSO_PROXIES = [NGINX]
    settings.STAFF_SSO_ONLY = False
    settings.TRUSTED_PROXIES = 1
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index(AUTH_MIDDLEWARE) + 1, SSO_MIDDLEWARE)
    settings.MIDDLEWARE = middleware
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, SSO_BACKEND]
    return settings


@pytest.fixture
def sso_only(sso):
    sso.STAFF_SSO_ONLY = True
    sso.AUTHENTICATION_BACKENDS = [b for b in sso.AUTHENTICATION_BACKENDS if b != MODEL_BACKEND]
    return sso


@pytest.fixture
def audit_log(caplog):
    caplog.set_level(logging.INFO, logger="handreiking.audit")
    return caplog


def through_proxy(client: Client, path: str, username: str | None, **extra):
    """A request as the proxy passes it on: from its address, with the browser's appended."""
    headers = {"X-Forwarded-For": CLIENT}
    if username is not None:
        headers["X-Remote-User"] = username
    return client.get(path, headers=headers, **{"REMOTE_ADDR": NGINX, **extra})


def signed_in(client: Client) -> str | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).username if user_id else None


def test_off_by_default_the_header_is_ignored(client, settings):
    assert settings.STAFF_SSO_HEADER == ""
    assert SSO_MIDDLEWARE not in settings.MIDDLEWARE
    assert SSO_BACKEND not in settings.AUTHENTICATION_BACKENDS
    staff = UserFactory()
    response = through_proxy(client, "/admin/", staff.username)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert signed_in(client) is None


def test_an_existing_staff_member_is_signed_in_for_the_admin(sso, client, audit_log):
    editor = UserFactory(username="j.jansen", groups=["Redacteuren"])
    response = through_proxy(client, "/admin/", "j.jansen")
    assert response.status_code == 200
    assert signed_in(client) == "j.jansen"
    assert client.session["_auth_user_backend"] == SSO_BACKEND
    assert f"Inloggen via SSO gelukt: gebruiker=j.jansen bron={CLIENT}" in audit_log.text
    assert f"Inloggen gelukt: gebruiker=j.jansen bron={CLIENT}" in audit_log.text
    # Permissions stay the portal's: an editor edits chapters, and does not read reflections.
    assert "/admin/handreiking/chapter/" in response.content.decode()
    assert "/admin/handreiking/reflection/" not in response.content.decode()
    assert through_proxy(client, "/admin/handreiking/reflection/", "j.jansen").status_code == 403
    assert editor.has_perm("handreiking.change_chapter")
    # Later requests keep the session; no new login line for each of them.
    assert audit_log.text.count("Inloggen via SSO gelukt") == 1


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: None, "onbekend account"),
        (lambda: UserFactory(username="lezer", is_staff=False), "geen stafaccount"),
        (lambda: UserFactory(username="lezer", is_active=False), "account staat uit"),
    ],
    ids=["unknown", "not-staff", "inactive"],
)
def test_anyone_else_is_refused_and_no_account_is_made(sso, client, audit_log, make, reason):
    make()
    accounts = User.objects.count()
    response = through_proxy(client, "/admin/", "lezer")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    login_page = through_proxy(client, "/admin/login/", "lezer")
    assert login_page.status_code == 200  # the password form, for a break-glass account
    assert signed_in(client) is None
    assert User.objects.count() == accounts
    assert f"Inloggen via SSO geweigerd: gebruiker=lezer bron={CLIENT} reden={reason}" in (
        audit_log.text
    )


def test_a_refusal_does_not_lock_out_a_colleague_behind_the_same_address(sso, audit_log):
    UserFactory(username="j.jansen")
    for _ in range(8):
        through_proxy(Client(), "/admin/", "iemand-anders")
    client = Client()
    assert through_proxy(client, "/admin/", "j.jansen").status_code == 200
    assert signed_in(client) == "j.jansen"


def test_public_pages_get_no_session_and_stay_cacheable(sso, client):
    UserFactory(username="j.jansen")
    chapter = ChapterFactory()
    for path in ("/", chapter.get_absolute_url(), "/api/v1/hoofdstukken"):
        response = through_proxy(client, path, "j.jansen")
        assert response.status_code == 200, path
        assert not response.cookies, path
        assert "public" in response["Cache-Control"], path
        # The second reader is served the stored page: the same bytes and the same ETag.
        again = through_proxy(Client(), path, "iemand-anders")
        assert again["ETag"] == response["ETag"], path
    assert signed_in(client) is None


@pytest.mark.parametrize(
    "request_headers",
    [
        {"headers": {"X-Remote-User": "j.jansen"}},
        {"headers": {"x-remote-user": "j.jansen"}},
        {"headers": {"X-REMOTE-USER": "j.jansen"}},
        # Underscores: gunicorn and nginx drop such a header (tests/test_behind_nginx.py);
        # Django's test client maps it to the same HTTP_X_REMOTE_USER, the worst case.
        {"headers": {"X_Remote_User": "j.jansen"}},
        {"HTTP_X_REMOTE_USER": "j.jansen"},
    ],
    ids=["X-Remote-User", "x-remote-user", "X-REMOTE-USER", "X_Remote_User", "HTTP_X_REMOTE_USER"],
)
@pytest.mark.parametrize(
    "forwarded_for", [None, CLIENT, f"{CLIENT}, {NGINX}"], ids=["no-xff", "xff", "xff-via-proxy"]
)
def test_the_header_from_anyone_but_the_proxy_is_ignored(
    sso, client, caplog, request_headers, forwarded_for
):
    """Issue 23: a direct request to gunicorn with the header and any X-Forwarded-For signed in
    as that user. Only the socket's peer counts now, and it is not the proxy."""
    caplog.set_level(logging.INFO)
    UserFactory(username="j.jansen")
    headers = dict(request_headers.get("headers", {}))
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    extra = {k: v for k, v in request_headers.items() if k != "headers"}
    for path in ("/admin/", "/admin/", "/admin/login/", "/"):
        response = client.get(path, headers=headers, REMOTE_ADDR=STRANGER, **extra)
        assert response.status_code in {200, 302}, path
        assert signed_in(client) is None, path
    assert "Inloggen via SSO" not in caplog.text
    # The operator hears of it once, without the address and without what the stranger sent.
    notices = [r for r in caplog.records if r.name == "handreiking.sso"]
    assert len(notices) == 1
    assert notices[0].levelno == logging.WARNING
    assert "X-Remote-User" in notices[0].getMessage()
    assert "STAFF_SSO_PROXIES" in notices[0].getMessage()
    assert "j.jansen" not in caplog.text
    assert STRANGER not in caplog.text
    assert CLIENT not in caplog.text


def test_nothing_further_in_sees_a_header_the_proxy_did_not_send(sso):
    seen = []

    def view(request):
        seen.append(request.META.get("HTTP_X_REMOTE_USER"))
        return HttpResponse()

    middleware = StaffSSOMiddleware(view)
    factory = RequestFactory()
    for path in ("/", "/api/v1/hoofdstukken", "/zelftoets/"):
        middleware(factory.get(path, headers={"X-Remote-User": "j"}, REMOTE_ADDR=STRANGER))
        middleware(factory.get(path, headers={"X-Remote-User": "j"}, REMOTE_ADDR=NGINX))
    assert seen == [None, "j"] * 3


def test_the_cgi_variable_remote_user_is_never_read(sso, client):
    # REMOTE_USER is what a web server sets after its own authentication, not a header: with
    # the header named X-Remote-User, or even REMOTE_USER (which means HTTP_REMOTE_USER), a
    # server variable never signs anyone in.
    UserFactory(username="j.jansen")
    client.get("/admin/", REMOTE_ADDR=NGINX, REMOTE_USER="j.jansen")
    assert signed_in(client) is None
    sso.STAFF_SSO_HEADER = "REMOTE_USER"
    client = Client()  # a new handler: its middleware reads the new setting
    client.get("/admin/", REMOTE_ADDR=NGINX, REMOTE_USER="j.jansen")
    assert signed_in(client) is None
    client.get("/admin/", REMOTE_ADDR=NGINX, headers={"Remote-User": "j.jansen"})
    assert signed_in(client) == "j.jansen"


@pytest.mark.parametrize(
    ("proxies", "peer", "believed"),
    [
        (["10.0.0.0/28"], "10.0.0.7", True),
        (["10.0.0.0/28"], "10.0.0.17", False),
        (["10.0.0.2", "10.0.0.3"], "10.0.0.3", True),
        (["10.0.0.2"], "::ffff:10.0.0.2", True),  # gunicorn listening on IPv6
        (["fd00::/64"], "fd00::5", True),
        (["fd00::/64"], "fd00:0:0:1::5", False),
        (["::1"], "127.0.0.1", False),
        (["unix"], "", True),  # gunicorn on a unix socket: REMOTE_ADDR is empty
        (["10.0.0.2"], "", False),
        (["unix"], "127.0.0.1", False),
        (["10.0.0.2"], "onbekend", False),
    ],
)
def test_only_the_configured_proxies_are_believed(sso, client, proxies, peer, believed):
    sso.STAFF_SSO_PROXIES = proxies
    UserFactory(username="j.jansen")
    client.get("/admin/", headers={"X-Remote-User": "j.jansen"}, REMOTE_ADDR=peer)
    assert (signed_in(client) == "j.jansen") is believed


def test_x_forwarded_for_plays_no_part_in_believing_the_proxy(sso, client):
    UserFactory(username="j.jansen")
    assert through_proxy(client, "/admin/", "j.jansen", HTTP_X_FORWARDED_FOR="").status_code == 200
    assert signed_in(client) == "j.jansen"


def test_the_session_follows_the_proxy(sso, client, audit_log):
    UserFactory(username="j.jansen")
    UserFactory(username="p.pietersen")
    through_proxy(client, "/admin/", "j.jansen")
    assert signed_in(client) == "j.jansen"
    # The proxy names someone else (another person at this browser): they are signed in instead.
    assert through_proxy(client, "/admin/", "p.pietersen").status_code == 200
    assert signed_in(client) == "p.pietersen"
    # The proxy names nobody any more (SSO session ended): the portal's session ends too.
    assert through_proxy(client, "/admin/", None).status_code == 302
    assert signed_in(client) is None


def test_a_staff_member_who_lost_staff_status_is_signed_out(sso, client):
    user = UserFactory(username="j.jansen")
    through_proxy(client, "/admin/", "j.jansen")
    User.objects.filter(pk=user.pk).update(is_staff=False)
    assert through_proxy(client, "/admin/", "j.jansen").status_code == 302
    assert signed_in(client) is None


def test_a_password_login_keeps_working_for_a_break_glass_account(sso, client):
    UserFactory(username="nood")
    response = client.post(
        "/admin/login/",
        {"username": "nood", "password": "correct-horse-battery", "next": "/admin/"},
        headers={"X-Forwarded-For": CLIENT},
        REMOTE_ADDR=NGINX,
    )
    assert response.status_code == 302
    assert signed_in(client) == "nood"
    # Not undone by the proxy naming somebody else, or nobody.
    UserFactory(username="j.jansen")
    assert through_proxy(client, "/admin/", "j.jansen").status_code == 200
    assert signed_in(client) == "nood"
    assert through_proxy(client, "/admin/", None).status_code == 200
    assert signed_in(client) == "nood"


def test_sso_only_refuses_passwords_and_strangers_in_dutch(sso_only, client):
    UserFactory(username="nood")
    refused = client.post(
        "/admin/login/",
        {"username": "nood", "password": "correct-horse-battery", "next": "/admin/"},
        headers={"X-Forwarded-For": CLIENT},
        REMOTE_ADDR=NGINX,
    )
    assert refused.status_code == 403
    assert "Geen toegang" in refused.content.decode()
    assert "Content-Security-Policy" in refused
    assert signed_in(client) is None
    assert through_proxy(client, "/admin/", "iemand-anders").status_code == 403
    assert through_proxy(client, "/admin/", "nood").status_code == 200
    assert signed_in(client) == "nood"


def test_the_middleware_refuses_to_start_without_a_trusted_proxy(sso):
    sso.TRUSTED_PROXIES = 0
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        StaffSSOMiddleware(lambda request: None)


@pytest.mark.parametrize(
    ("proxies", "message"),
    [
        ([], "STAFF_SSO_PROXIES is empty"),
        (["nginx.intern"], "'nginx.intern' is not an address or a network"),
        (["10.0.0.2", "10.0.0.0/33"], "'10.0.0.0/33' is not an address or a network"),
        (["0.0.0.0/0"], "every address"),
        (["::/0"], "every address"),
    ],
)
def test_the_middleware_refuses_to_start_without_usable_proxies(sso, proxies, message):
    sso.STAFF_SSO_PROXIES = proxies
    with pytest.raises(ImproperlyConfigured, match=message):
        StaffSSOMiddleware(lambda request: None)


def test_header_names_become_request_headers_only():
    assert meta_key("X-Remote-User") == "HTTP_X_REMOTE_USER"
    assert meta_key("HTTP_X_REMOTE_USER") == "HTTP_X_REMOTE_USER"
    assert meta_key("REMOTE_USER") == "HTTP_REMOTE_USER"
    with pytest.raises(ImproperlyConfigured):
        meta_key("X-Remote-User: admin")


def settings_in_a_process(**env: str) -> subprocess.CompletedProcess:
    """portal/settings.py as production reads it, with these environment variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("STAFF_SSO", "TRUSTED"))}
    code = (
        "import portal.settings as s; print(s.MIDDLEWARE); print(s.AUTHENTICATION_BACKENDS); "
        "print(s.STAFF_SSO_PROXIES)"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT, env={**clean, "DJANGO_SECRET_KEY": "x" * 50, **env},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_settings_refuse_the_header_without_a_trusted_proxy():
    done = settings_in_a_process(
        STAFF_SSO_HEADER="X-Remote-User", TRUSTED_PROXIES="0", STAFF_SSO_PROXIES="127.0.0.1"
    )
    assert done.returncode != 0
    assert "TRUSTED_PROXIES is 0" in done.stderr
    # Not a silent "SSO does nothing": without the proxies' addresses the portal does not start.
    done = settings_in_a_process(STAFF_SSO_HEADER="X-Remote-User", TRUSTED_PROXIES="1")
    assert done.returncode != 0
    assert "STAFF_SSO_PROXIES is empty" in done.stderr
    done = settings_in_a_process(STAFF_SSO_ONLY="1")
    assert done.returncode != 0
    assert "STAFF_SSO_ONLY=1 needs STAFF_SSO_HEADER" in done.stderr


def test_settings_insert_the_middleware_only_when_asked():
    off = settings_in_a_process()
    assert off.returncode == 0, off.stderr
    assert "sso" not in off.stdout
    on = settings_in_a_process(
        STAFF_SSO_HEADER="X-Remote-User", TRUSTED_PROXIES="1", STAFF_SSO_PROXIES="127.0.0.1, unix"
    )
    assert on.returncode == 0, on.stderr
    middleware, backends, proxies = on.stdout.splitlines()
    assert proxies == "['127.0.0.1', 'unix']"
    assert f"'{AUTH_MIDDLEWARE}', '{SSO_MIDDLEWARE}'" in middleware
    assert SSO_BACKEND in backends and MODEL_BACKEND in backends
    only = settings_in_a_process(
        STAFF_SSO_HEADER="X-Remote-User",
        TRUSTED_PROXIES="1",
        STAFF_SSO_PROXIES="unix",
        STAFF_SSO_ONLY="1",
    )
    assert only.returncode == 0, only.stderr
    assert MODEL_BACKEND not in only.stdout.splitlines()[1]
