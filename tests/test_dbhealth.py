"""The connection's health check without a round trip: a zelftoets submission sent on a
connection the server closed is sent again on a fresh one, never lost or doubled, and the
statement that holds it reads the content version too."""

import datetime
import time

import psycopg
import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from handreiking import dbhealth
from handreiking.models import ContentVersion, HeldReflection
from handreiking.pagecache import keys
from handreiking.zelftoets import release

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ALL_YES = {"colleagues": "ja", "manager": "ja", "newspaper": "ja", "delen": "ja"}
ANSWERS = {
    "colleagues": "ja",
    "manager": "ja",
    "newspaper": "ja",
    "topic": "",
    "text": "",
    "had_personal_data": False,
}


def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's health check asks nothing: its connection is the database itself")


def terminate_this_connection() -> int:
    """The server drops this process's connection, as a restart or an idle timeout would."""
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], autocommit=True
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
        # Returns once the backend was signalled; wait until it has gone.
        for _ in range(100):
            gone = other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
            if gone.fetchone() is None:
                break
            time.sleep(0.02)
    return pid


def test_a_healthy_idle_connection_is_checked_without_a_query():
    postgresql_only()
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    connection.health_check_done = False
    dbhealth.check_from_socket()
    assert connection.health_check_done
    assert connection.connection.info.backend_pid == pid


def test_a_connection_the_server_closed_is_replaced_before_anything_is_sent():
    postgresql_only()
    pid = terminate_this_connection()
    connection.health_check_done = False
    dbhealth.check_from_socket()
    assert connection.connection is None  # closed; the next query connects afresh
    assert ContentVersion.objects.current()
    assert connection.connection.info.backend_pid != pid


def test_a_submission_after_the_server_dropped_the_connection_is_kept_once():
    postgresql_only()
    client = Client()
    assert client.post("/zelftoets/", ALL_YES, REMOTE_ADDR="10.0.0.1").status_code == 200
    pid = terminate_this_connection()
    # As at the start of every request (the test client leaves this out).
    connection.health_check_done = False
    response = client.post("/zelftoets/", ALL_YES, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 200
    assert "Je antwoorden zijn anoniem bewaard" in response.content.decode()
    assert HeldReflection.objects.count() == 2
    assert connection.connection.info.backend_pid != pid


def test_holding_reads_the_content_version_in_the_same_statement():
    now = timezone.make_aware(datetime.datetime(2026, 11, 30, 12))
    held = release.hold(answers=ANSWERS, source="10.0.0.1", form="", now=now)
    assert held.kept
    # In the same statement (PostgreSQL) or transaction (SQLite): nothing left after the commit.
    assert held.version == ContentVersion.objects.current()


def test_a_prepared_version_read_the_session_lost_is_prepared_again_without_reconnecting():
    postgresql_only()
    expected = ContentVersion.objects.current()
    connection.health_check_done = False
    assert keys.content_version() == expected
    pid = connection.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # as DISCARD ALL or a pooler would
    connection.health_check_done = False
    assert keys.content_version() == expected
    assert connection.connection.info.backend_pid == pid  # no reconnect


def test_a_statement_the_session_already_has_is_used():
    postgresql_only()
    expected = ContentVersion.objects.current()
    connection.health_check_done = False
    assert keys.content_version() == expected
    connection._content_state_prepared_on = None  # as if this process had forgotten it
    connection.health_check_done = False
    assert keys.content_version() == expected
