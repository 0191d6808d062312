"""Pages prepared at publication: after a publish, readers get stored pages of the new text
from the first request, and warming never stands in the publisher's way."""

import logging
import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from handreiking.editorial import review
from handreiking.models import Chapter, Revision
from handreiking.models.content import content_changed
from handreiking.pagecache import store, warming
from tests.factories import ChapterFactory, UserFactory, save_draft

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BASE_URL = "https://handreiking.example.nl"


def settle() -> None:
    """Wait for every warm to finish (the test database takes one writer at a time)."""
    for thread in threading.enumerate():
        if thread.name == "pagecache-warm":
            thread.join(timeout=30)


@pytest.fixture(autouse=True)
def warming_on(settings):
    settings.PAGE_CACHE_WARM = True
    settings.PORTAL_BASE_URL = BASE_URL
    settings.ALLOWED_HOSTS = ["testserver", "handreiking.example.nl"]
    store.clear_local()
    yield settings
    settle()
    store.clear_local()


def queries(client, url: str, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return len(captured), response


def publish(chapter: Chapter, body: str) -> None:
    """Save a new text; returns once the first pages are prepared (the rest may still follow)."""
    chapter.body = body
    chapter.save()


def make_chapter(**fields) -> Chapter:
    chapter = ChapterFactory(**fields)
    settle()  # SQLite's test database: no write while a warm still reads
    return chapter


def test_the_changed_chapter_and_the_home_page_are_stored_before_the_save_returns(client):
    chapter = make_chapter(title="Wat je deelt")
    publish(chapter, "De nieuwe tekst over delen.")
    for url in (chapter.get_absolute_url(), "/"):
        count, response = queries(client, url)
        assert count == 1, url  # the content version; the page itself was stored
        assert response.status_code == 200
    assert "De nieuwe tekst over delen." in client.get(chapter.get_absolute_url()).text


def test_the_lists_the_feed_and_the_api_follow_in_the_background(client):
    first, second = make_chapter(), make_chapter()
    publish(first, "Eerst gewijzigd.")
    settle()
    urls = [
        second.get_absolute_url(),
        "/wijzigingen/",
        "/wijzigingen/feed/",
        "/voor-hr/",
        "/toegankelijkheid/",
        "/privacy/",
        "/api/v1/hoofdstukken",
        f"/api/v1/hoofdstukken/{second.slug}",
    ]
    for url in urls:
        count, response = queries(client, url)
        assert (count, response.status_code) == (1, 200), url


def test_a_prepared_page_is_the_answer_a_reader_would_have_got(client, settings):
    chapter = make_chapter()
    url = chapter.get_absolute_url()
    prepared = client.get(url)
    settings.PAGE_CACHE_WARM = False
    store.clear_local()
    settle()
    publish(chapter, chapter.body)  # a new version, nothing prepared
    rendered = client.get(url)
    assert rendered.content == prepared.content
    assert rendered.headers["ETag"] == prepared.headers["ETag"]
    skip = {"Last-Modified", "Date"}
    assert {k: v for k, v in rendered.headers.items() if k not in skip} == {
        k: v for k, v in prepared.headers.items() if k not in skip
    }
    assert "nonce-" not in prepared.headers["Content-Security-Policy"]


def test_every_allowed_host_gets_the_prepared_page(client):
    chapter = make_chapter()
    for host in ("testserver", "handreiking.example.nl"):
        count, response = queries(client, chapter.get_absolute_url(), HTTP_HOST=host)
        assert (count, response.status_code) == (1, 200), host
    assert BASE_URL + "/h/" in client.get("/voor-hr/").text


def test_an_unknown_host_is_still_refused(client):
    chapter = make_chapter()
    assert client.get(chapter.get_absolute_url(), HTTP_HOST="aanvaller.example").status_code == 400


def test_without_portal_base_url_nothing_is_prepared(client, settings):
    settings.PORTAL_BASE_URL = ""
    chapter = ChapterFactory()
    assert not warming.enabled()
    count, _response = queries(client, chapter.get_absolute_url())
    assert count > 1  # rendered by the view


def test_switched_off_nothing_is_prepared(client, settings):
    settings.PAGE_CACHE_WARM = False
    chapter = ChapterFactory()
    assert queries(client, chapter.get_absolute_url())[0] > 1


def test_a_failing_warm_is_logged_and_the_publish_stands(client, monkeypatch, caplog):
    def broken():
        raise RuntimeError("kapot")

    monkeypatch.setattr(warming, "_paths", broken)
    chapter = make_chapter()
    with caplog.at_level(logging.WARNING, logger="handreiking.pagecache.warming"):
        publish(chapter, "Toch gepubliceerd.")
        settle()
    assert "mislukt" in caplog.text
    assert "Toch gepubliceerd." in client.get(chapter.get_absolute_url()).text


def test_a_newer_publication_stops_an_older_warm(monkeypatch):
    rendered: list[str] = []
    monkeypatch.setattr(warming, "_render", rendered.append)
    monkeypatch.setattr(warming, "_paths", lambda: (["/eerste/"], ["/later/"]))
    gate = threading.Event()
    original = warming._paths

    def slow_paths():
        gate.wait(5)
        return original()

    monkeypatch.setattr(warming, "_paths", slow_paths)
    older = warming.warm(wait=0)
    monkeypatch.setattr(warming, "_paths", original)
    newer = warming.warm()
    gate.set()
    older.join(5)
    newer.join(5)
    assert rendered == ["/eerste/", "/later/"]  # once, by the newer warm


def test_a_historical_model_bumping_the_version_prepares_nothing(monkeypatch):
    started: list[bool] = []
    monkeypatch.setattr(warming, "warm", lambda **kwargs: started.append(True))
    content_changed.send(sender=object)
    assert started == []


def test_one_warm_per_transaction_however_many_writes(monkeypatch):
    calls: list[float] = []
    monkeypatch.setattr(warming, "warm", lambda wait=warming.WAIT_SECONDS: calls.append(wait))
    with transaction.atomic():
        ChapterFactory()
        ChapterFactory()
        assert calls == []  # nothing before the commit
    assert calls == [warming.WAIT_SECONDS]


def test_a_reader_who_publishes_what_is_due_does_not_wait_for_the_pages(monkeypatch):
    calls: list[float] = []
    monkeypatch.setattr(warming, "warm", lambda wait=warming.WAIT_SECONDS: calls.append(wait))
    with warming.in_background():
        ChapterFactory()
        ChapterFactory()
        assert calls == []
    assert calls == [0]  # once, when the block ends, without waiting


def test_a_readers_request_never_publishes_what_is_due(client):
    chapter = ChapterFactory(body="Oude tekst.")
    draft = save_draft(chapter=chapter, user=UserFactory(), body="Nieuwe tekst.")
    review.schedule(revision=draft, user=None, publish_at=timezone.now() + timedelta(minutes=5))
    review.approve(revision_id=draft.pk, user=UserFactory())
    Revision.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    with CaptureQueriesContext(connection) as queries:
        assert "Oude tekst." in client.get(chapter.get_absolute_url()).content.decode()
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    draft.refresh_from_db()
    assert draft.state == "scheduled"
