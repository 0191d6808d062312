"""Faults production meets: Redis gone, and the portal keeps working and says so."""

import logging
import socket
import time
import urllib.error
import urllib.request

import pytest

from handreiking.models import HeldReflection
from tests.factories import ChapterFactory, publish_change
from tests.servers import gunicorn

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
    limited = "veel zelftoetsen verstuurd"
    assert limited not in client.post("/zelftoets/", ANSWERS).content.decode()
    assert limited in client.post("/zelftoets/", ANSWERS).content.decode()
    assert HeldReflection.objects.count() == 1
    assert "Redis is niet bereikbaar" in redis_down.text


def test_publishing_and_reading_work_while_redis_is_down(client, redis_down):
    chapter = ChapterFactory(body="Oude tekst.")
    publish_change(chapter=chapter, user=None, body="Nieuwe tekst.")
    assert "Nieuwe tekst." in client.get(chapter.get_absolute_url()).content.decode()


def test_healthz_reports_the_cache_as_degraded(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}


def test_healthz_reports_a_working_cache(client, redis_client):
    assert client.get("/healthz").json()["cache"] == "ok"


def test_an_oversized_post_is_refused_before_it_is_read(client, tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    body = b"x" * (20 * 1024 * 1024)
    response = client.generic(
        "POST", "/zelftoets/", body, content_type="multipart/form-data; boundary=grens"
    )
    assert response.status_code == 413
    assert "Te veel tegelijk verstuurd" in response.content.decode()
    assert list(tmp_path.iterdir()) == []
    assert HeldReflection.objects.count() == 0


def test_a_large_file_in_a_small_enough_post_never_reaches_disk(editor_client, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    upload = SimpleUploadedFile("groot.png", b"\x89PNG" + b"0" * 50_000, "image/png")
    response = editor_client.post(
        "/admin/handreiking/image/add/", {"upload": upload, "alt_text": "Een groot bestand"}
    )
    assert response.status_code == 200  # the form comes back: no file arrived
    assert list(tmp_path.iterdir()) == []


def test_expected_failures_log_one_line_not_a_traceback(client, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    client.get("/handreiking/bestaat-niet/")
    client_logged = [r for r in caplog.records if r.name == "django.request"]
    assert client_logged
    assert all(record.exc_info is None for record in client_logged if record.levelno < 40)


def test_a_database_outage_is_logged_as_one_line(caplog):
    from django.db import OperationalError

    from handreiking.log_filters import no_expected_tracebacks

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        import sys

        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/",),
            sys.exc_info(),
        )  # fmt: skip
    assert no_expected_tracebacks(record)
    assert record.exc_info is None
    assert "database niet bereikbaar: OperationalError" in record.getMessage()


@pytest.mark.parametrize(("role", "status"), [("hr", 404), ("reviewer", 404), ("editor", 302)])
def test_view_on_site_is_only_for_who_may_view_the_object(client_as, role, status):
    from django.contrib.contenttypes.models import ContentType

    from handreiking.models import Chapter

    chapter = ChapterFactory(is_published=False, slug="geheim-concept")
    content_type = ContentType.objects.get_for_model(Chapter)
    response = client_as(role).get(f"/admin/r/{content_type.pk}/{chapter.pk}/")
    assert response.status_code == status
    if status == 404:
        assert "geheim-concept" not in response.get("Location", "")


@pytest.fixture
def stalled_database():
    """A PostgreSQL port whose server process has stopped: the kernel still accepts the
    connection, but nothing ever answers (as after SIGSTOP)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    yield f"postgres://postgres@127.0.0.1:{listener.getsockname()[1]}/portal"
    listener.close()


def warm_up(base: str) -> None:
    """Workers import Django after they start listening: the first answers are slow."""
    for _ in range(4):
        timed_get(base + "/static/css/portal.css")


def timed_get(url: str) -> tuple[int, float]:
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - start


def test_a_stalled_database_gets_quick_dutch_503s_not_hanging_workers(stalled_database):
    with gunicorn({"DATABASE_URL": stalled_database}, workers=1) as base:
        warm_up(base)
        # Coarse bounds, far from a hang (gunicorn's timeout is 20 s, a stalled server forever).
        status, seconds = timed_get(base + "/healthz")
        assert status == 503
        assert seconds < 8  # the health check gives up after 2 s
        status, seconds = timed_get(base + "/")
        assert status == 503
        assert seconds < 15  # connect_timeout is 5 s


def test_a_few_slow_clients_do_not_take_the_health_check_down(tmp_path):
    """Without nginx, four slow clients (fewer than the 2 x 4 threads) hold four threads and
    /healthz is served by another. That is all gunicorn alone can promise: 200 of them hold
    every thread, which is why nginx in front is required (tests/test_behind_nginx.py)."""
    # Any database that answers will do: an empty SQLite file answers SELECT 1.
    database = f"sqlite:///{tmp_path / 'leeg.sqlite3'}"
    with gunicorn({"DATABASE_URL": database, "ZELFTOETS_RATE_LIMIT": "0"}, workers=2) as base:
        warm_up(base)
        port = int(base.rsplit(":", 1)[1])
        slow = []
        for _ in range(4):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(
                b"POST /zelftoets/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 50000\r\n\r\na"
            )
            slow.append(sock)
        try:
            status, seconds = timed_get(base + "/healthz")
            assert status == 200
            assert seconds < 8  # instead of waiting for gunicorn to kill the workers
        finally:
            for sock in slow:
                sock.close()
