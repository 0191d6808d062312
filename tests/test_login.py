"""Staff logins: throttled and locked out in Dutch, every attempt logged without the password."""

import logging

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct-horse-battery"


def attempt(client: Client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )  # fmt: skip


def test_after_five_failures_even_the_right_password_waits(caplog):
    caplog.set_level(logging.INFO, logger="handreiking.audit")
    user = UserFactory(groups=["Redacteuren"])
    client = Client()
    for _ in range(4):
        assert attempt(client, user.username, "fout-wachtwoord-123").status_code == 200
    assert attempt(client, user.username, "fout-wachtwoord-123").status_code == 429
    locked = attempt(client, user.username, PASSWORD)
    assert locked.status_code == 429
    assert "Inloggen is even geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another app server shares the count: it is in the database.
    assert attempt(Client(), user.username, PASSWORD).status_code == 429
    # Someone elsewhere is not locked out with the account's owner.
    assert attempt(Client(), user.username, PASSWORD, "192.0.2.99").status_code == 302
    logged = caplog.text
    assert logged.count(f"Inloggen mislukt: gebruiker={user.username} bron=192.0.2.10") >= 5
    assert "fout-wachtwoord-123" not in logged
    assert PASSWORD not in logged


def test_a_successful_login_is_logged_with_its_origin(caplog):
    caplog.set_level(logging.INFO, logger="handreiking.audit")
    user = UserFactory()
    response = attempt(Client(), user.username, PASSWORD, "198.51.100.7")
    assert response.status_code == 302
    assert f"Inloggen gelukt: gebruiker={user.username} bron=198.51.100.7" in caplog.text


def test_staff_sessions_last_a_working_day_and_csrf_cookies_the_browser_session():
    user = UserFactory()
    client = Client()
    response = attempt(client, user.username, PASSWORD)
    session_cookie = response.cookies["sessionid"]
    assert int(session_cookie["max-age"]) == 9 * 60 * 60
    page = Client().get("/zelftoets/")
    assert page.cookies["csrftoken"]["max-age"] == ""
    assert page.cookies["csrftoken"]["expires"] == ""


def test_the_login_form_lets_password_managers_fill_it_in(client):
    body = client.get(LOGIN).content.decode()
    assert 'autocomplete="username"' in body
    assert 'autocomplete="current-password"' in body
    assert "onpaste" not in body
