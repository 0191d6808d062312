"""The zelftoets as a visitor meets it: advice at once, anonymous by construction."""

import datetime
import html
import itertools
import re
import runpy
import threading
import types
import urllib.parse
import urllib.request
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client
from gunicorn.config import Config as GunicornConfig

from handreiking.models import Chapter, HeldReflection, Reflection
from handreiking.zelftoets import advice, views
from handreiking.zelftoets.padding import ADVICE_PAGE_BYTES
from handreiking.zelftoets.ratelimit import rate_limit_key
from tests.factories import publish_change
from tests.servers import ROOT, gunicorn

pytestmark = pytest.mark.django_db

URL = "/zelftoets/"
ALL_YES = {"colleagues": "ja", "manager": "ja", "newspaper": "ja", "delen": "ja"}
DOUBT = {"colleagues": "ja", "manager": "nee", "newspaper": "weet-niet", "delen": "ja"}
MARKER_UA = "Mozilla/5.0 MARKED-USER-AGENT-7f3a"
MARKER_IP = "203.0.113.77"
MARKER_FORWARDED = "198.51.100.23"
MARKER_REFERER = "https://intranet.example/profiel/jan-jansen"


def test_form_has_the_three_questions_as_fieldsets_and_says_what_is_stored(client):
    response = client.get(URL)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert body.count("<fieldset") == 5  # three questions, the topic, and whether to keep
    assert body.count("<legend") == 5
    assert "collega's nog recht in de ogen kijken" in body
    assert "goedkeuring krijgen van je leidinggevende" in body
    assert "morgen in de krant staat" in body
    assert body.count('value="weet-niet"') == 3
    assert "Wat we bewaren" in body
    assert "IP-adres" in body
    assert 'maxlength="4000"' in body
    assert "no-store" in response["Cache-Control"]


def kept() -> int:
    """Reflections stored in any form: held for a group, or released."""
    return HeldReflection.objects.count() + Reflection.objects.count()


def test_all_yes_gives_reassurance_and_is_kept_once(client):
    response = client.post(URL, ALL_YES)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Je kunt je bericht plaatsen" in body
    assert "De bestaande regels gelden ook online." in body
    assert "Je antwoorden zijn anoniem bewaard" in body
    assert kept() == 1


@pytest.mark.parametrize(("choice", "says"), [("nee", "zoals je vroeg"), ("", "niet gekozen")])
def test_without_a_yes_to_sharing_the_same_advice_comes_and_nothing_is_kept(client, choice, says):
    shared = client.post(URL, {**DOUBT, "topic": "werk"}).content.decode()
    response = client.post(URL, {**DOUBT, "topic": "werk", "delen": choice, "text": "GEHEIM"})
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "We hebben niets bewaard" in body or "hebben we niets bewaard" in body
    assert says in body
    advice = re.compile(r'<main.*?<p class="meta"', re.S)
    assert advice.search(body)[0] == advice.search(html.unescape(shared))[0]
    assert kept() == 1
    assert not HeldReflection.objects.filter(text="GEHEIM").exists()


def test_sharing_is_asked_with_yes_first_and_nothing_chosen_beforehand(client):
    body = client.get(URL).content.decode()
    radios = re.findall(r'<input type="radio"[^>]*name="delen"[^>]*>', body)
    assert [re.search(r'value="([^"]*)"', r)[1] for r in radios] == ["ja", "nee"]
    assert not any("checked" in r for r in radios)


def test_the_form_promises_what_the_scrubber_removes(client):
    from handreiking.zelftoets.scrubbing import REMOVED_DESCRIPTION

    body = html.unescape(client.get(URL).content.decode())
    assert REMOVED_DESCRIPTION in body


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
    reflection = HeldReflection.objects.get()
    assert reflection.text == "Twijfel. Mail [e-mail] of bel [telefoonnummer], bsn [bsn]."
    assert reflection.had_personal_data


ANSWERS = {"colleagues", "manager", "newspaper", "topic", "text", "had_personal_data"}


def test_reflections_have_no_identifying_fields_by_construction():
    released = {field.name for field in Reflection._meta.get_fields()}
    held = {field.name for field in HeldReflection._meta.get_fields()}
    assert released == ANSWERS | {"id", "released_week", "status"}
    assert held == ANSWERS | {"id", "period", "held_since"}


def test_stored_dates_are_mondays_without_time_and_ids_are_random(client):
    for number in range(5):
        client.post(URL, ALL_YES, REMOTE_ADDR=f"10.5.0.{number + 1}")
    call_command("release_reflections", "--close-period", stdout=StringIO())
    for number in range(2):
        client.post(URL, ALL_YES, REMOTE_ADDR=f"10.5.1.{number + 1}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT released_week, id FROM handreiking_reflection")
        released = cursor.fetchall()
        cursor.execute("SELECT held_since, id FROM handreiking_heldreflection")
        held = cursor.fetchall()
    assert (len(released), len(held)) == (5, 2)
    for day, pk in released + held:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(day))
        assert datetime.date.fromisoformat(str(day)).weekday() == 0
        assert len(str(pk).replace("-", "")) == 32
    assert len({pk for _day, pk in released + held}) == 7


def test_an_anonymous_visitor_gets_no_cookie_but_csrftoken():
    client = Client(enforce_csrf_checks=True)
    page = client.get(URL)
    assert set(page.cookies) == {"csrftoken"}
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = client.post(URL, {**ALL_YES, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert set(response.cookies) <= {"csrftoken"}
    assert kept() == 1


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
        ({**ALL_YES, "delen": "misschien"}, "Kies ja of nee."),
    ],
)
def test_bad_input_gets_a_dutch_error_summary_and_stores_nothing(client, data, message):
    response = client.post(URL, data)
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert 'role="alert"' in body
    assert "Er is iets niet goed ingevuld" in body
    assert message in body
    assert kept() == 0


def test_error_summary_links_to_the_fields(client):
    body = client.post(URL, {"manager": "ja"}).content.decode()
    assert 'href="#id_colleagues_0"' in body
    assert 'id="id_colleagues_0"' in body
    assert 'href="#id_newspaper_0"' in body


def test_missing_csrf_token_stores_nothing():
    response = Client(enforce_csrf_checks=True).post(URL, ALL_YES)
    assert response.status_code == 403
    assert "formulier is verlopen" in response.content.decode()
    assert kept() == 0


LIMITED = "veel zelftoetsen verstuurd"


def test_over_the_rate_limit_the_advice_comes_and_says_nothing_was_kept(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "3/600"
    answers = [client.post(URL, ALL_YES, REMOTE_ADDR=MARKER_IP) for _ in range(3)]
    response = client.post(URL, ALL_YES, REMOTE_ADDR=MARKER_IP)
    # The same status, size and headers as a kept answer: only the person reads the difference.
    assert response.status_code == 200
    assert "Retry-After" not in response
    assert len(response.content) == len(answers[0].content)
    body = html.unescape(response.content.decode())
    assert LIMITED in body and re.search(r"over ongeveer \d+ minuten", body)
    assert "Je kunt je bericht plaatsen" in body
    assert kept() == 1  # one per computer per period; the limit counts tries
    # Another client is not affected.
    other = client.post(URL, ALL_YES, REMOTE_ADDR="192.0.2.1").content.decode()
    assert LIMITED not in html.unescape(other)


def test_only_submissions_that_ask_to_be_kept_use_up_the_limit(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "1/600"

    def limited(data) -> bool:
        response = client.post(URL, data, REMOTE_ADDR=MARKER_IP)
        return LIMITED in html.unescape(response.content.decode())

    for _ in range(3):
        assert not limited({**ALL_YES, "delen": "nee"})
        assert client.post(URL, {"colleagues": "ja"}, REMOTE_ADDR=MARKER_IP).status_code == 400
    assert not limited(ALL_YES)
    assert limited(ALL_YES)
    # Over the limit, advice without keeping anything is still given.
    assert not limited({**ALL_YES, "delen": "nee"})


def test_rate_limit_can_be_switched_off(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    for number in range(15):
        response = client.post(URL, ALL_YES, REMOTE_ADDR=f"10.6.0.{number + 1}")
        assert "anoniem bewaard" in response.content.decode()
    assert kept() == 15


def is_limited(response) -> bool:
    return LIMITED in html.unescape(response.content.decode())


def test_behind_one_trusted_proxy_the_last_forwarded_hop_is_the_client(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "1/600"
    settings.TRUSTED_PROXIES = 1
    first = {"X-Forwarded-For": "10.0.0.1, 198.51.100.1"}
    assert not is_limited(client.post(URL, ALL_YES, headers=first, REMOTE_ADDR="10.1.1.1"))
    # Inventing an earlier hop does not give a fresh limit.
    spoofed = {"X-Forwarded-For": "10.9.9.9, 198.51.100.1"}
    assert is_limited(client.post(URL, ALL_YES, headers=spoofed, REMOTE_ADDR="10.1.1.1"))
    # Another client behind the same proxy has its own limit.
    other = {"X-Forwarded-For": "198.51.100.2"}
    assert not is_limited(client.post(URL, ALL_YES, headers=other, REMOTE_ADDR="10.1.1.1"))


def test_without_trusted_proxies_a_forwarded_header_changes_nothing(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "1/600"
    settings.TRUSTED_PROXIES = 0
    first = {"X-Forwarded-For": "198.51.100.1"}
    assert not is_limited(client.post(URL, ALL_YES, headers=first))
    changed = {"X-Forwarded-For": "198.51.100.99"}
    assert is_limited(client.post(URL, ALL_YES, headers=changed))


def test_redis_holds_no_answers_and_no_key_that_maps_back_to_an_address(
    client, settings, redis_client
):
    settings.ZELFTOETS_RATE_LIMIT = "2/120"
    assert client.post(URL, {**DOUBT, "topic": "prive"}, REMOTE_ADDR=MARKER_IP).status_code == 200
    assert client.post(URL, DOUBT, REMOTE_ADDR=MARKER_IP).status_code == 200
    # What another app instance or the operator sees in the shared Redis.
    keys = [key.decode() for key in redis_client.keys("*")]
    listing = " ".join(keys)
    for revealing in (MARKER_IP, "nee", "weet-niet", "prive", "advice", "zelftoets-advice"):
        assert revealing not in listing
    assert 0 < max(redis_client.ttl(key) for key in keys) <= 240
    assert is_limited(client.post(URL, DOUBT, REMOTE_ADDR=MARKER_IP))
    # Redis holds counts only: no key material an operator could use to test every address.
    assert not any("secret" in key for key in keys)
    assert all(redis_client.get(key).isdigit() for key in keys)
    # The key needs SECRET_KEY, which is not in Redis: with a guessed one, nothing matches.
    window = int(next(key for key in keys if "zelftoets-rate:" in key).split(":")[-2])
    assert any(rate_limit_key(MARKER_IP, window=window) in key for key in keys)
    settings.SECRET_KEY = "a guess by someone with only the Redis dump"
    assert not any(rate_limit_key(MARKER_IP, window=window) in key for key in keys)


@pytest.fixture
def gunicorn_on_test_database(transactional_db):
    """The production server (4 workers, its own listen backlog) on the test database."""
    if connection.vendor != "postgresql":
        pytest.skip("The burst test runs against PostgreSQL (SQLite serialises writers).")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    environment = {"DATABASE_URL": url, "ZELFTOETS_RATE_LIMIT": "0", "TRUSTED_PROXIES": "1"}
    with gunicorn(environment, workers=4) as base:
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

    def submit(number: int):
        # Each from its own computer, as the proxy in front vouches.
        headers = {"Cookie": f"csrftoken={csrf_cookie}", "X-Forwarded-For": f"10.8.0.{number}"}
        request = urllib.request.Request(base + URL, data=body.encode(), headers=headers)  # noqa: S310
        start.wait()
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            with lock:
                statuses.append(response.status)

    threads = [threading.Thread(target=submit, args=(number,)) for number in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert statuses.count(200) == 200
    assert HeldReflection.objects.filter(text="burst").count() == 200


def test_advice_page_is_printable(client):
    body = client.post(URL, DOUBT).content.decode()
    assert 'class="no-print"' in body
    assert 'media="print"' in body


def test_advice_links_follow_a_chapter_change_at_once(client):
    client.post(URL, DOUBT)
    chapter = Chapter.objects.get(number=3)
    publish_change(chapter=chapter, user=None, slug="krantentest")
    body = client.post(URL, DOUBT).content.decode()
    assert 'href="/handreiking/krantentest/"' in body


def test_the_advice_answer_has_one_size_for_every_combination(client, settings):
    """324 answer combinations × text lengths × sharing choices: one body size, one header
    size, so an access log or someone measuring TLS records learns nothing."""
    settings.ZELFTOETS_RATE_LIMIT = "0"
    answers = ["ja", "nee", "weet-niet"]
    topics = ["", "werk", "reactie", "netwerken", "prive", "anders"]
    texts = ["", "Kort.", "Ik twijfel. " * 300]
    sizes, header_sizes = set(), set()
    for index, (colleagues, manager, newspaper, topic) in enumerate(
        itertools.product(answers, answers, answers, topics)
    ):
        for delen, text in (("ja", texts[index % 3]), ("nee", texts[(index + 1) % 3]), ("", "")):
            data = {"colleagues": colleagues, "manager": manager, "newspaper": newspaper}
            data.update(topic=topic, text=text, delen=delen)
            response = client.post(URL, data)
            assert response.status_code == 200
            sizes.add(len(response.content))
            header_sizes.add(sum(len(f"{k}: {v}") for k, v in response.headers.items()))
    assert sizes == {ADVICE_PAGE_BYTES}
    assert len(header_sizes) == 1


def test_released_groups_are_written_in_random_order(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    orders = set()
    for group in range(12):
        for number in range(5):
            data = {**ALL_YES, "text": f"groep {group} nummer {number}"}
            client.post(URL, data, REMOTE_ADDR=f"10.4.{group}.{number + 1}")
        call_command("release_reflections", "--close-period", stdout=StringIO())
        with connection.cursor() as cursor:
            order = "rowid" if connection.vendor == "sqlite" else "ctid"
            cursor.execute(
                f"SELECT text FROM handreiking_reflection WHERE text LIKE %s ORDER BY {order}",  # noqa: S608
                [f"groep {group} %"],
            )
            orders.add(tuple(int(row[0].rsplit(" ", 1)[1]) for row in cursor.fetchall()))
    assert HeldReflection.objects.count() == 0
    assert len(orders) > 1  # 12 groups in submission order by chance: 1 in 120**11


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorns_access_log_never_records_the_zelftoets(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn shares the test database on PostgreSQL only.")
    log = tmp_path / "access.log"
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    with gunicorn({"DATABASE_URL": url}, args=("--access-logfile", str(log))) as base:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        page = opener.open(base + URL).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        body = urllib.parse.urlencode({**DOUBT, "csrfmiddlewaretoken": token}).encode()
        assert opener.open(base + URL, data=body).status == 200
        assert opener.open(base + "/healthz").status == 200
        assert opener.open(base + f"/zoeken/?q={SEARCHED}").status == 200
    lines = log.read_text().splitlines()
    assert any("/healthz" in line for line in lines)
    assert any('"GET /zoeken/ HTTP/1.1" 200' in line for line in lines)
    assert not any("zelftoets" in line for line in lines)
    assert not any("127.0.0.1" in line for line in lines)
    assert not any(SEARCHED in line or "?" in line for line in lines)


SEARCHED = "vertrouwelijke-zoekwoorden-7f3a"


@pytest.mark.parametrize(
    "line_format",
    [
        "ours",
        # gunicorn's default and the common "combined" format: request line and referrer.
        '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"',
        "%(U)s?%(q)s %({raw_uri}e)s %({query_string}e)s %({referer}i)s %({http_referer}e)s",
    ],
)
def test_gunicorns_access_line_never_carries_what_was_searched(tmp_path, line_format):
    """The logger class of gunicorn.conf.py, in process (so on SQLite too): the path without
    its query string and without the referrer, whatever line format an operator picks."""
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = GunicornConfig()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set(
        "access_log_format", conf["access_log_format"] if line_format == "ours" else line_format
    )
    logger = conf["logger_class"](config)
    results = f"/zoeken/?q={SEARCHED}"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": results,
        "PATH_INFO": "/zoeken/",
        "QUERY_STRING": f"q={SEARCHED}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://handreiking.example{results}",
    }
    headers = [("REFERER", environ["HTTP_REFERER"])]
    response = types.SimpleNamespace(status="200 OK", sent=2048, headers=[])
    request = types.SimpleNamespace(headers=headers)
    try:
        logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
        opened = {
            **environ,
            "RAW_URI": "/handreiking/krantentest/",
            "PATH_INFO": "/handreiking/krantentest/",
            "QUERY_STRING": "",
        }
        logger.access(response, request, opened, datetime.timedelta(milliseconds=3))
    finally:
        for handler in list(logger.access_log.handlers) + list(logger.error_log.handlers):
            handler.close()
        logger.access_log.handlers.clear()
        logger.error_log.handlers.clear()
    lines = (tmp_path / "access.log").read_text().splitlines()
    assert len(lines) == 2
    assert "/zoeken/" in lines[0]
    assert "/handreiking/krantentest/" in lines[1]
    assert not any(SEARCHED in line for line in lines)
    if line_format == "ours":
        assert lines[0].endswith('"GET /zoeken/ HTTP/1.1" 200 2048 0.012000s')
        assert not any("127.0.0.1" in line for line in lines)


def test_one_persons_form_errors_never_show_on_the_next_persons_form(client):
    """The form's fields are shared by every request (not copied per form): an error or an
    answer of one request must not stay behind on them."""
    volatile = re.compile(
        r'(name="csrfmiddlewaretoken" value=|name="formulier" value=|nonce=)"[^"]*"'
    )
    before = volatile.sub("", client.get(URL).content.decode())
    response = client.post(URL, {"colleagues": "misschien", "text": "Mijn geheime twijfel"})
    assert response.status_code == 400
    assert "Kies ja, nee of weet ik niet." in response.content.decode()
    after = volatile.sub("", client.get(URL).content.decode())
    assert "Mijn geheime twijfel" not in after
    assert after == before


def form_token(client) -> str:
    page = client.get(URL).content.decode()
    return re.search(r'name="formulier" value="([^"]+)"', page)[1]


def test_a_retried_form_is_kept_once_and_answered_as_kept(client):
    token = form_token(client)
    first = client.post(URL, {**DOUBT, "formulier": token}, REMOTE_ADDR="10.40.0.1")
    # The answer got lost; the browser sends the same form again, from another address even.
    again = client.post(URL, {**DOUBT, "formulier": token}, REMOTE_ADDR="10.40.0.2")
    for response in (first, again):
        assert "Je antwoorden zijn anoniem bewaard" in response.content.decode()
    assert kept() == 1
    # A new form from that other address is a submission of its own.
    other = client.post(URL, {**DOUBT, "formulier": form_token(client)}, REMOTE_ADDR="10.40.0.2")
    assert "Je antwoorden zijn anoniem bewaard" in other.content.decode()
    assert kept() == 2


def test_every_form_page_gets_its_own_token(client):
    assert form_token(client) != form_token(client)


def test_a_kept_submission_is_never_answered_with_an_error(client, monkeypatch):
    """The reflection is stored, then the database goes away before the advice's links are read:
    the answer is the advice without links, saying it was kept, not the 503 page."""

    def unreachable(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(advice, "_links", unreachable)
    advice._advice.cache_clear()
    views._pages.pages.clear()
    response = client.post(URL, {**DOUBT, "topic": "anders"}, REMOTE_ADDR="10.41.0.1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Je antwoorden zijn anoniem bewaard" in body
    assert "Lees meer in de handreiking" not in body
    assert kept() == 1
    # Nothing kept and the database away: the honest answer is the Dutch 503 page.
    with pytest.raises(OperationalError):
        client.raise_request_exception = True
        client.post(URL, {**DOUBT, "topic": "anders", "delen": "nee"})
