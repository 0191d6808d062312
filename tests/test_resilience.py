"""Faults production meets: Redis gone, and the portal keeps working and says so."""

import logging

import pytest

from handreiking import services
from handreiking.models import HeldReflection
from tests.factories import ChapterFactory

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "handreiking.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "KEY_PREFIX": "handreiking-test",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}
ANSWERS = {"colleagues": "ja", "manager": "nee", "newspaper": "ja", "delen": "ja"}


@pytest.fixture
def redis_down(settings, caplog):
    settings.CACHES = DEAD_REDIS
    settings.ZELFTOETS_RATE_LIMIT = "2/600"
    caplog.set_level(logging.WARNING, logger="handreiking.cache")
    return caplog


def test_the_zelftoets_stores_and_answers_while_redis_is_down(client, redis_down):
    response = client.post("/zelftoets/", ANSWERS)
    assert response.status_code == 200
    assert HeldReflection.objects.count() == 1
    # The rate limit falls back to this process, and still holds.
    assert client.post("/zelftoets/", ANSWERS).status_code == 200
    assert client.post("/zelftoets/", ANSWERS).status_code == 429
    assert HeldReflection.objects.count() == 2
    assert "Redis is niet bereikbaar" in redis_down.text


def test_publishing_and_reading_work_while_redis_is_down(client, redis_down):
    chapter = ChapterFactory(body="Oude tekst.")
    services.publish_chapter(chapter=chapter, user=None, body="Nieuwe tekst.")
    assert "Nieuwe tekst." in client.get(chapter.get_absolute_url()).content.decode()


def test_healthz_reports_the_cache_as_degraded(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}


def test_healthz_reports_a_working_cache(client, redis_client):
    assert client.get("/healthz").json()["cache"] == "ok"
