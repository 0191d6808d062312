"""Release on a schedule, from distinct sources, played as the people who would abuse it: the
reviewer who floods the pool around a colleague, the reviewer who polls, and the operator with
the database files. Nothing a reviewer sees changes until a period ends, one address fills at
most one place in a group, and the files keep no trace of the order of arrival."""

import re
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from handreiking.models import HeldReflection, Reflection, ReleasePeriod, SourceMark
from handreiking.zelftoets import periods, release, sources
from tests.servers import gunicorn

pytestmark = pytest.mark.django_db

URL = "/zelftoets/"
LIST = "/admin/handreiking/reflection/"
VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"')


def submit(client: Client, number: int, *, address: str | None = None, **answers) -> bytes:
    """One submission from its own computer (`address`), unless one is named."""
    data = {"colleagues": "nee", "manager": "ja", "newspaper": "weet-niet", "delen": "ja"}
    response = client.post(
        URL,
        {**data, "text": f"Wachtend {number}", **answers},
        REMOTE_ADDR=address or f"10.20.{number // 250}.{number % 250 + 1}",
    )
    assert response.status_code == 200
    return response.content


def close_period() -> str:
    out = StringIO()
    call_command("release_reflections", "--close-period", stdout=out)
    return out.getvalue()


def snapshot(reviewer: Client) -> dict[str, str]:
    """Everything a reviewer can see: every page of the list, unfiltered and filtered on each
    answer, the overview, the export and each reflection's own page."""
    seen: dict[str, str] = {}
    queries = [{}] + [
        {f"{field}__exact": value}
        for field in ("colleagues", "manager", "newspaper")
        for value in ("ja", "nee", "weet-niet")
    ]
    for query in queries:
        page = 0
        while True:
            body = reviewer.get(LIST, {**query, "p": page}).content.decode()
            seen[f"list {query} {page}"] = VOLATILE.sub("", body)
            if f"p={page + 1}" not in body:
                break
            page += 1
    seen["overview"] = VOLATILE.sub("", reviewer.get(LIST + "overzicht/").content.decode())
    export = reviewer.get(LIST + "export/")
    seen["export"] = b"".join(export.streaming_content).decode("utf-8-sig")
    for pk in Reflection.objects.values_list("pk", flat=True):
        seen[f"detail {pk}"] = VOLATILE.sub(
            "", reviewer.get(f"{LIST}{pk}/change/").content.decode()
        )
    return seen


def test_the_polling_reviewer_sees_nothing_change_until_the_period_ends(client_as, settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    reviewer = client_as("reviewer")
    visitor = Client()
    before = snapshot(reviewer)
    for number in range(7):
        submit(visitor, number)
        # However often the reviewer looks, and however full the pool is: nothing moves.
        assert snapshot(reviewer) == before
    out = StringIO()
    call_command("release_reflections", stdout=out)
    assert "niets vrij te geven" in out.getvalue()
    assert snapshot(reviewer) == before

    assert "7 reflecties vrijgegeven" in close_period()
    assert snapshot(reviewer) != before
    assert Reflection.objects.count() == 7
    assert HeldReflection.objects.count() == 0
    assert len(set(Reflection.objects.values_list("released_week", flat=True))) == 1


def test_the_n_minus_1_flood_from_one_address_fills_one_place_only(settings):
    """The attack of the issue: filler until a release, wait for colleague X, then four marked
    fakes. From one address, only the first fake is kept; the group never forms around X."""
    settings.ZELFTOETS_RATE_LIMIT = "0"
    attacker, colleague = Client(), Client()
    answers = set()
    for number in range(30):
        answers.add(len(submit(attacker, number, address="10.9.9.9", text=f"nep {number}")))
    answers.add(len(submit(colleague, 99, address="10.1.1.1", text="De reflectie van X")))
    for number in range(30, 34):
        answers.add(len(submit(attacker, number, address="10.9.9.9", text=f"nep {number}")))
    assert len(answers) == 1  # the attacker cannot tell kept from refused by the answer
    assert HeldReflection.objects.count() == 2
    assert "te weinig" in close_period()
    assert Reflection.objects.count() == 0  # X waits; nobody can single them out


def test_a_second_submission_from_the_same_computer_is_told_it_was_not_kept(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    first = submit(client, 1, address="10.3.3.3")
    second = submit(client, 2, address="10.3.3.3")
    assert len(first) == len(second)
    assert "Je antwoorden zijn anoniem bewaard" in first.decode()
    assert "niet bewaard" in second.decode() and "één per computer" in second.decode()
    assert list(HeldReflection.objects.values_list("text", flat=True)) == ["Wachtend 1"]
    close_period()
    # A new period: the same computer may share again, and it is held in the new period, also
    # by a process that last held one in the old period.
    assert "anoniem bewaard" in submit(client, 3, address="10.3.3.3").decode()
    assert (
        HeldReflection.objects.get(text="Wachtend 3").period
        == ReleasePeriod.objects.current().number
    )


def test_behind_trusted_proxies_sources_are_told_apart_by_the_vouched_address(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    settings.TRUSTED_PROXIES = 1
    for number in range(3):
        forwarded = {"X-Forwarded-For": f"10.7.7.{number + 1}"}
        data = {"colleagues": "ja", "manager": "ja", "newspaper": "ja", "delen": "ja"}
        client.post(URL, data, headers=forwarded, REMOTE_ADDR="10.0.0.2")
    # Inventing an earlier hop does not make a new source.
    spoofed = {"X-Forwarded-For": "10.66.66.66, 10.7.7.1"}
    data = {"colleagues": "ja", "manager": "ja", "newspaper": "ja", "delen": "ja"}
    client.post(URL, data, headers=spoofed, REMOTE_ADDR="10.0.0.2")
    assert HeldReflection.objects.count() == 3


def test_a_short_period_waits_and_goes_out_with_the_next_complete_one(settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    visitor = Client()
    for number in range(3):
        submit(visitor, number)
    assert "te weinig" in close_period()
    assert Reflection.objects.count() == 0
    # The same three computers again, and two more: the new period alone has five sources.
    for number in range(5):
        submit(visitor, 100 + number, address=f"10.20.0.{number + 1}")
    assert "8 reflecties vrijgegeven" in close_period()
    assert Reflection.objects.count() == 8
    assert HeldReflection.objects.count() == 0


def test_a_larger_group_setting_needs_more_sources(settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    settings.ZELFTOETS_MIN_GROUP = 8
    visitor = Client()
    for number in range(7):
        submit(visitor, number)
    close_period()
    assert Reflection.objects.count() == 0
    for number in range(8):
        submit(visitor, 50 + number)
    close_period()
    assert Reflection.objects.count() == 15


def test_held_reflections_are_in_no_count_filter_overview_or_export(client_as):
    visitor = Client()
    for number in range(4):
        submit(visitor, number, topic="werk")
    reviewer = client_as("reviewer")
    assert "Wachtend" not in reviewer.get(LIST).content.decode()
    assert "Wachtend" not in reviewer.get(LIST, {"topic__exact": "werk"}).content.decode()
    overview = reviewer.get(LIST + "overzicht/").content.decode()
    assert "Wachtend" not in overview
    export = b"".join(reviewer.get(LIST + "export/").streaming_content).decode("utf-8-sig")
    assert export.count("\n") == 1  # the header row only


def test_the_timer_releases_when_the_moment_has_come_and_not_before(settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    visitor = Client()
    for number in range(5):
        submit(visitor, number)
    now = timezone.now()
    assert release.release_due(now=now) == release.Released(None, 0)
    period = ReleasePeriod.objects.current()
    assert release.release_due(now=period.closes_at) == release.Released(period.number, 5)
    follower = ReleasePeriod.objects.current()
    assert follower.number == period.number + 1
    assert follower.closes_at == periods.next_boundary(period.closes_at)
    # A second run at the same moment has nothing left to do.
    assert release.release_due(now=period.closes_at) == release.Released(None, 0)


def test_the_released_week_is_the_week_the_period_ended_in(settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    visitor = Client()
    for number in range(5):
        submit(visitor, number)
    period = ReleasePeriod.objects.current()
    # The timer ran late, on Wednesday after the period ended on Monday 00:00.
    release.release_due(now=period.closes_at + timedelta(days=2))
    week = Reflection.objects.values_list("released_week", flat=True).distinct().get()
    last_day = timezone.localtime(period.closes_at).date() - timedelta(days=1)
    assert week == last_day - timedelta(days=last_day.weekday())


@pytest.mark.parametrize(
    ("moment", "days", "boundary"),
    [
        ("2026-12-07 10:00", 7, "2026-12-14"),  # Monday morning: the next Monday
        ("2026-12-13 23:59", 7, "2026-12-14"),
        ("2026-12-14 00:00", 7, "2026-12-21"),  # strictly after
        ("2026-12-07 10:00", 1, "2026-12-08"),
        ("2026-12-07 10:00", 14, "2026-12-21"),
    ],
)
def test_period_boundaries_fall_on_local_midnight(moment, days, boundary):
    at = timezone.make_aware(datetime.fromisoformat(moment))
    expected = timezone.make_aware(datetime.fromisoformat(boundary))
    assert periods.next_boundary(at, days=days) == expected


def test_source_marks_reveal_no_address_and_are_gone_when_the_period_ends(client, settings):
    settings.ZELFTOETS_RATE_LIMIT = "0"
    submit(client, 1, address="203.0.113.77")
    mark = SourceMark.objects.get()
    assert "203.0.113.77" not in mark.tag
    # A copy of the database is not enough to test addresses: the key comes from SECRET_KEY.
    settings.SECRET_KEY = "what an operator without the application's secret would guess"
    assert sources.source_tag("203.0.113.77", period=mark.period) != mark.tag
    close_period()
    assert not SourceMark.objects.exists()


def test_each_period_tags_the_same_source_differently():
    assert sources.source_tag("10.0.0.1", period=1) != sources.source_tag("10.0.0.1", period=2)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_operator_with_the_database_files_finds_no_order_of_arrival(settings):
    """After a release the files hold each reflection once: no dead copy of a held row from
    which the order A, B, C, D, E could be read, and the group written in one transaction."""
    settings.ZELFTOETS_RATE_LIMIT = "0"
    visitor = Client()
    markers = [f"Volgorde-{letter}-7c1e" for letter in "ABCDE"]
    for number, marker in enumerate(markers):
        submit(visitor, number, text=marker)
    assert "5 reflecties vrijgegeven" in close_period()
    raw = _raw_table_bytes(HeldReflection) + _raw_table_bytes(Reflection)
    for marker in markers:
        assert raw.count(marker.encode()) == 1, marker
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(DISTINCT xmin::text) FROM handreiking_reflection")
            assert cursor.fetchone()[0] == 1


def _raw_table_bytes(model) -> bytes:
    """Every byte of the table's pages as the server stores them, dead rows included."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
            cursor.execute(
                "SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table]
            )
            blocks = cursor.fetchone()[0]
            pages = []
            for block in range(blocks):
                cursor.execute("SELECT get_raw_page(%s, %s)", [table, block])
                pages.append(bytes(cursor.fetchone()[0]))
            return b"".join(pages)
    # SQLite: the database file and its write-ahead log, free pages and old frames included, once.
    if model is not Reflection:
        return b""
    raw = b""
    for name in (connection.settings_dict["NAME"], f"{connection.settings_dict['NAME']}-wal"):
        try:
            with open(name, "rb") as stored:
                raw += stored.read()
        except FileNotFoundError:
            pass
    return raw


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_flood_through_gunicorn_fills_one_place_and_the_reviewer_sees_nothing_move(
    client_as,
):
    """The n-1 attack against the production server: a reviewer floods from one computer,
    polls the export between tries, and waits for a colleague's reflection."""
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn shares the test database on PostgreSQL only.")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    reviewer = client_as("reviewer")

    def export() -> str:
        return b"".join(reviewer.get(LIST + "export/").streaming_content).decode("utf-8-sig")

    environment = {"DATABASE_URL": url, "ZELFTOETS_RATE_LIMIT": "0", "TRUSTED_PROXIES": "1"}
    with gunicorn(environment) as base:
        page = urllib.request.urlopen(base + URL, timeout=30)  # noqa: S310
        cookie = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"])[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())[1]

        def post(text: str, address: str) -> tuple[int, int]:
            data = {"colleagues": "nee", "manager": "ja", "newspaper": "weet-niet", "delen": "ja"}
            body = urllib.parse.urlencode({**data, "text": text, "csrfmiddlewaretoken": token})
            headers = {"Cookie": f"csrftoken={cookie}", "X-Forwarded-For": address}
            request = urllib.request.Request(base + URL, body.encode(), headers)  # noqa: S310
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, len(response.read())

        before = export()
        answers = set()
        for number in range(12):
            answers.add(post(f"Vulsel {number}", "10.9.9.9"))
            assert export() == before  # polling shows nothing, however full the pool is
        answers.add(post("De reflectie van X", "10.1.1.1"))
        for number in range(4):
            answers.add(post(f"Nep {number}", "10.9.9.9"))
        assert export() == before
    assert len(answers) == 1  # one status and size, kept or not
    assert HeldReflection.objects.count() == 2
    assert "te weinig" in close_period()
    assert export() == before
