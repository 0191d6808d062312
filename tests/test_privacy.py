"""The privacy statement: public, linked from every page and from the zelftoets."""

import html

import pytest

pytestmark = pytest.mark.django_db


def test_the_privacy_statement_says_what_is_kept_who_sees_it_and_the_residual_risks(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "<h1>Privacyverklaring van de zelftoets</h1>" in body
    for promise in (
        "Wat we bewaren",
        "Wie ziet wat",
        "Vrijgave in groepen",
        "Wat er toch nog kan",
        "Voor beheerders",
        "info@rijksoverheid.nl",
    ):
        assert promise in body


def test_every_page_and_the_zelftoets_link_to_it(client):
    assert 'href="/privacy/"' in client.get("/").content.decode()
    form = client.get("/zelftoets/").content.decode()
    assert form.count('href="/privacy/"') == 2  # in the text and in the footer
