"""The foundation: security headers, health check and error pages."""

import urllib.error
import urllib.request

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from portal.apps import require_secret_key, secret_key_check
from tests.servers import free_port, gunicorn


@pytest.mark.django_db
def test_pages_carry_strict_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_https_mode_redirects_and_sends_hsts(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    plain = Client().get("/")
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    proxied = Client(headers={"X-Forwarded-Proto": "https"}).get("/")
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_healthz_answers_200_with_json_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_unknown_page_is_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Pagina niet gevonden" in text
    assert 'lang="nl"' in text


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_crash_is_a_dutch_500_without_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Er ging iets mis" in text
    assert "secret traceback detail" not in text
    assert "Traceback" not in text


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_database_error_is_a_dutch_503():
    client = Client(raise_request_exception=False)
    response = client.get("/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "Tijdelijk niet beschikbaar" in text
    assert "secret detail" not in text


@pytest.mark.django_db
def test_missing_csrf_token_gets_dutch_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "formulier is verlopen" in text
    assert "CSRF" not in text


@pytest.fixture
def gunicorn_without_database():
    """The real production server, pointed at a PostgreSQL port where nothing listens."""
    dead = f"postgres://postgres@127.0.0.1:{free_port()}/portal"
    with gunicorn({"DATABASE_URL": dead}) as base:
        yield base


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_healthz_answers_503_when_database_is_unreachable(gunicorn_without_database):
    status, body = _get(gunicorn_without_database + "/healthz")
    assert status == 503
    assert '"database": "unavailable"' in body


def test_pages_answer_a_dutch_503_when_database_is_unreachable(gunicorn_without_database):
    for path in ("/", "/handreiking/iets/", "/h/1/"):
        status, body = _get(gunicorn_without_database + path)
        assert status == 503, path
        assert "Tijdelijk niet beschikbaar" in body
        assert "Traceback" not in body
        assert "OperationalError" not in body


def test_the_server_refuses_to_start_without_its_secret(settings):
    settings.SECRET_KEY_MISSING = True
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is not set"):
        require_secret_key()
    assert secret_key_check(None)[0].id == "portal.E001"
    settings.SECRET_KEY_MISSING = False
    require_secret_key()
    assert secret_key_check(None) == []
