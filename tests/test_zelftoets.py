"""The zelftoets as a visitor meets it: advice at once, anonymous by construction."""

import html
import re
import threading
import urllib.parse
import urllib.request
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from handreiking.models import Reflection
from handreiking.zelftoets.ratelimit import rate_limit_key
from tests.servers import gunicorn

pytestmark = pytest.mark.django_db

URL = "/zelftoets/"
ALL_YES = {"colleagues": "ja", "manager": "ja", "newspaper": "ja"}
DOUBT = {"colleagues": "ja", "manager": "nee", "newspaper": "weet-niet"}
MARKER_UA = "Mozilla/5.0 MARKED-USER-AGENT-7f3a"
MARKER_IP = "203.0.113.77"
MARKER_FORWARDED = "198.51.100.23"
MARKER_REFERER = "https://intranet.example/profiel/jan-jansen"


def test_form_has_the_three_questions_as_fieldsets_and_says_what_is_stored(client):
    response = client.get(URL)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert body.count("<fieldset") == 4
    assert body.count("<legend") == 4
    assert "collega's nog recht in de ogen kijken" in body
    assert "goedkeuring krijgen van je leidinggevende" in body
    assert "morgen in de krant staat" in body
    assert body.count('value="weet-niet"') == 3
    assert "Wat we bewaren" in body
    assert "IP-adres" in body
    assert 'maxlength="4000"' in body
    assert "no-store" in response["Cache-Control"]


def test_all_yes_gives_reassurance_and_is_stored_once(client):
    response = client.post(URL, ALL_YES)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Je kunt je bericht plaatsen" in body
    assert "De bestaande regels gelden ook online." in body
    assert Reflection.objects.count() == 1


def test_any_doubt_advises_to_wait_and_links_the_chapters_that_apply(client):
    response = client.post(URL, {**DOUBT, "topic": "netwerken"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Plaats je bericht nog niet" in body
    assert "leidinggevende" in body
    assert "Bespreek je bericht met een collega of met je leidinggevende." in body
    links = re.findall(r'<a href="(/handreiking/[^"]+)"', body)
    assert any(link.endswith("#wat-zegt-de-gedragscode-integriteit-rijk") for link in links)
    assert any("integriteit-en-professionele" in link for link in links)
    for link in links:
        assert client.get(link.split("#")[0]).status_code == 200


def test_nothing_identifying_reaches_the_database(client):
    text = "Twijfel. Mail jan.jansen@minbzk.nl of bel 06-12345678, bsn 111222333."
    response = client.post(
        URL,
        {**DOUBT, "text": text},
        headers={
            "User-Agent": MARKER_UA,
            "X-Forwarded-For": MARKER_FORWARDED,
            "Referer": MARKER_REFERER,
        },
        REMOTE_ADDR=MARKER_IP,
    )
    assert response.status_code == 200
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    everything = dump.getvalue()
    for secret in (
        MARKER_UA,
        "MARKED-USER-AGENT",
        MARKER_IP,
        MARKER_FORWARDED,
        MARKER_REFERER,
        "jan.jansen@minbzk.nl",
        "06-12345678",
        "111222333",
    ):
        assert secret not in everything
    reflection = Reflection.objects.get()
    assert reflection.text == "Twijfel. Mail [e-mail] of bel [telefoonnummer], bsn [bsn]."
    assert reflection.had_personal_data


def test_reflection_has_no_identifying_fields_by_construction():
    names = {field.name for field in Reflection._meta.get_fields()}
    assert names == {
        "id",
        "colleagues",
        "manager",
        "newspaper",
        "topic",
        "text",
        "had_personal_data",
        "submitted_on",
        "status",
    }


def test_stored_date_has_no_time_of_day_and_the_id_is_random(client):
    client.post(URL, ALL_YES)
    client.post(URL, ALL_YES)
    with connection.cursor() as cursor:
        cursor.execute("SELECT submitted_on, id FROM handreiking_reflection")
        rows = cursor.fetchall()
    for submitted_on, pk in rows:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(submitted_on))
        assert len(str(pk).replace("-", "")) == 32
    assert rows[0][1] != rows[1][1]


def test_an_anonymous_visitor_gets_no_cookie_but_csrftoken():
    client = Client(enforce_csrf_checks=True)
    page = client.get(URL)
    assert set(page.cookies) == {"csrftoken"}
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = client.post(URL, {**ALL_YES, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert set(response.cookies) <= {"csrftoken"}
    assert Reflection.objects.count() == 1


def test_nothing_about_a_submission_is_logged(client, caplog):
    caplog.set_level("DEBUG")
    client.post(URL, {**DOUBT, "text": "GEHEIME-TWIJFEL-123"}, REMOTE_ADDR=MARKER_IP)
    client.post(URL, {"colleagues": "misschien", "text": "GEHEIME-TWIJFEL-456"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "GEHEIME-TWIJFEL" not in logged
    assert MARKER_IP not in logged


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies of je je collega's nog recht in de ogen kunt kijken."),
        ({**ALL_YES, "colleagues": "misschien"}, "Kies ja, nee of weet ik niet."),
        ({**ALL_YES, "topic": "mijn-naam"}, "Kies een van de onderwerpen"),
        ({**ALL_YES, "text": "x" * 4001}, "Je tekst is te lang"),
        ({**ALL_YES, "text": "twijfel\x00"}, "ongeldig teken"),
        ({**ALL_YES, "website": "https://spam.example"}, "automatisch ingevuld"),
    ],
)
def test_bad_input_gets_a_dutch_error_summary_and_stores_nothing(client, data, message):
    response = client.post(URL, data)
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert 'role="alert"' in body
    assert "Er is iets niet goed ingevuld" in body
    assert message in body
    assert Reflection.objects.count() == 0


def test_error_summary_links_to_the_fields(client):
    body = client.post(URL, {"manager": "ja"}).content.decode()
    assert 'href="#id_colleagues_0"' in body
    assert 'id="id_colleagues_0"' in body
    assert 'href="#id_newspaper_0"' in body


def test_missing_csrf_token_stores_nothing():
    response = Client(enforce_csrf_checks=True).post(URL, ALL_YES)
    assert response.status_code == 403
    assert "formulier is verlopen" in response.content.decode()
    assert Reflection.objects.count() == 0


def test_rate_limit_answers_429_in_dutch_and_stores_nothing_more(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "3/600"
    for _ in range(3):
        assert client.post(URL, ALL_YES, REMOTE_ADDR=MARKER_IP).status_code == 200
    response = client.post(URL, ALL_YES, REMOTE_ADDR=MARKER_IP)
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "Even wachten" in response.content.decode()
    assert Reflection.objects.count() == 3
    # Another client is not affected.
    assert client.post(URL, ALL_YES, REMOTE_ADDR="192.0.2.1").status_code == 200


def test_rate_limit_can_be_switched_off(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    for _ in range(15):
        assert client.post(URL, ALL_YES).status_code == 200
    assert Reflection.objects.count() == 15


def test_behind_the_proxy_the_last_forwarded_hop_is_the_client(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "1/600"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    first = {"X-Forwarded-For": "10.0.0.1, 198.51.100.1"}
    assert client.post(URL, ALL_YES, headers=first).status_code == 200
    # Inventing an earlier hop does not give a fresh limit.
    spoofed = {"X-Forwarded-For": "10.9.9.9, 198.51.100.1"}
    assert client.post(URL, ALL_YES, headers=spoofed).status_code == 429


def test_rate_limit_is_shared_across_instances_through_redis(client, settings, redis_client):
    settings.ZELFTOETS_RATE_LIMIT = "2/120"
    assert client.post(URL, ALL_YES, REMOTE_ADDR=MARKER_IP).status_code == 200
    assert client.post(URL, ALL_YES, REMOTE_ADDR=MARKER_IP).status_code == 200
    # What another app instance sees: the shared Redis holds only a hashed key.
    keys = [key.decode() for key in redis_client.keys("*")]
    assert keys and all(MARKER_IP not in key for key in keys)
    assert any(rate_limit_key(MARKER_IP) in key for key in keys)
    assert 0 < max(redis_client.ttl(key) for key in keys) <= 120
    assert client.post(URL, ALL_YES, REMOTE_ADDR=MARKER_IP).status_code == 429


@pytest.fixture
def gunicorn_on_test_database(transactional_db):
    """The production server (4 workers, its own listen backlog) on the test database."""
    if connection.vendor != "postgresql":
        pytest.skip("The burst test runs against PostgreSQL (SQLite serialises writers).")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    with gunicorn({"DATABASE_URL": url, "ZELFTOETS_RATE_LIMIT": "0"}, workers=4) as base:
        yield base


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_burst_of_200_concurrent_submissions_loses_nothing(gunicorn_on_test_database):
    base = gunicorn_on_test_database
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = opener.open(base + URL).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    jar = next(h for h in opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
    csrf_cookie = next(c.value for c in jar.cookiejar if c.name == "csrftoken")
    body = urllib.parse.urlencode({**DOUBT, "text": "burst", "csrfmiddlewaretoken": token})
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(200)

    def submit():
        request = urllib.request.Request(  # noqa: S310
            base + URL, data=body.encode(), headers={"Cookie": f"csrftoken={csrf_cookie}"}
        )
        start.wait()
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            with lock:
                statuses.append(response.status)

    threads = [threading.Thread(target=submit) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert statuses.count(200) == 200
    assert Reflection.objects.filter(text="burst").count() == 200


def test_advice_page_is_printable(client):
    body = client.post(URL, DOUBT).content.decode()
    assert 'class="no-print"' in body
    assert 'media="print"' in body


def test_advice_links_follow_a_chapter_change_at_once(client):
    from handreiking import services
    from handreiking.models import Chapter

    client.post(URL, DOUBT)
    chapter = Chapter.objects.get(number=3)
    services.publish_chapter(chapter=chapter, user=None, slug="krantentest")
    body = client.post(URL, DOUBT).content.decode()
    assert 'href="/handreiking/krantentest/"' in body
