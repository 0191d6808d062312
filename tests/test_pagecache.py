"""The page cache: stored public pages are never stale, on any worker or instance, and nothing
personal is ever shared. Correctness only; speed is the benchmark's (bench/bench_pages.py)."""

import os
import re
import subprocess
import sys
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

from handreiking.models import ChangeNote, Chapter, ContentVersion, OnboardingMaterial
from handreiking.pagecache import keys, store
from tests.factories import ChapterFactory
from tests.servers import ROOT, gunicorn

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/wijzigingen/", "/wijzigingen/feed/", "/voor-hr/", "/toegankelijkheid/"]


def nonce_page(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}" src="/static/js/x.js"></script>')


def cookie_page(request):
    response = HttpResponse("Met een koekje.")
    response.set_cookie("voorkeur", "donker")
    return response


def csrf_page(request):
    return HttpResponse(f"Formulier met token {get_token(request)}")


urlpatterns = [
    path("nonce/", nonce_page),
    path("koekje/", cookie_page),
    path("formulier/", csrf_page),
]


@pytest.fixture(autouse=True)
def _fresh_process_memory():
    store.clear_local()
    yield
    store.clear_local()


@pytest.fixture
def stored(monkeypatch):
    """The keys the page cache stores, in order."""
    keys: list[str] = []
    put = store.put

    def spy(key, page, *, seconds, wanted=False):
        done = put(key, page, seconds=seconds, wanted=wanted)
        if done:
            keys.append(key)
        return done

    monkeypatch.setattr(store, "put", spy)
    return keys


def queries(client: Client, url: str, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return len(captured), response


def warm(client: Client, url: str) -> None:
    """Asked for twice, a page is stored (one-off addresses are not)."""
    client.get(url)
    client.get(url)


@pytest.mark.parametrize("url", [*PUBLIC, "/api/v1/hoofdstukken", "/privacy/"])
def test_a_stored_page_is_the_same_answer_with_one_query(client, url):
    client.get(url)
    stored_response = client.get(url)
    count, hit = queries(client, url)
    assert count == 1  # the content version, nothing else
    assert hit.status_code == 200
    assert hit.content == stored_response.content
    assert dict(hit.headers) == dict(stored_response.headers)
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert hit.headers[header]
    assert "nonce-" not in hit.headers["Content-Security-Policy"]
    assert not hit.cookies


def test_chapter_pages_and_qr_codes_are_stored(client):
    chapter = ChapterFactory()
    for url in (chapter.get_absolute_url(), f"/voor-hr/qr/{chapter.pk}.svg"):
        warm(client, url)
        assert queries(client, url)[0] == 1


def test_a_publish_shows_on_the_very_next_request(client):
    chapter = ChapterFactory(body="De oude tekst.")
    urls = [chapter.get_absolute_url(), "/", "/api/v1/hoofdstukken"]
    for url in urls:
        warm(client, url)
    chapter.body = "De nieuwe tekst."
    chapter.title = "Een nieuwe titel"
    chapter.save()
    assert "De nieuwe tekst." in client.get(urls[0]).content.decode()
    assert "Een nieuwe titel" in client.get(urls[1]).content.decode()
    assert "Een nieuwe titel" in client.get(urls[2]).content.decode()


def test_hr_material_and_change_notes_edited_on_their_own_show_at_once(client):
    chapter = ChapterFactory()
    note = ChangeNote.objects.create(chapter=chapter, note="Eerste notitie")
    warm(client, "/voor-hr/")
    warm(client, "/wijzigingen/")
    material = OnboardingMaterial.objects.create(chapter=chapter, title="Introductiedag")
    assert "Introductiedag" in client.get("/voor-hr/").content.decode()
    note.note = "Verbeterde notitie"
    note.save()
    assert "Verbeterde notitie" in client.get("/wijzigingen/").content.decode()
    material.delete()
    assert "Introductiedag" not in client.get("/voor-hr/").content.decode()
    note.delete()
    assert "Verbeterde notitie" not in client.get("/wijzigingen/").content.decode()
    warm(client, "/")
    title = chapter.title
    chapter.delete()
    assert title not in client.get("/").content.decode()


def test_conditional_get_answers_304_until_the_page_changes(client):
    chapter = ChapterFactory()
    url = chapter.get_absolute_url()
    first = client.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.headers["Cache-Control"].startswith("public, max-age=0")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304  # rendered, then 304
    warm(client, url)
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)  # from the store
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified.headers["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    stored_modified = client.get(url).headers["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=stored_modified).status_code == 304
    chapter.body = "Andere tekst."
    chapter.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_IF_MODIFIED_SINCE=modified)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_the_api_keeps_its_own_etag_and_answers_304_from_the_store(client):
    url = "/api/v1/hoofdstukken"
    etag = client.get(url).headers["ETag"]
    warm(client, url)
    count, response = queries(client, url, HTTP_IF_NONE_MATCH=etag)
    assert (count, response.status_code) == (1, 304)
    assert response.headers["API-Version"]
    assert client.get(url).headers["ETag"] == etag


def test_search_gets_conditional_get_but_is_kept_in_no_shared_store(client, stored):
    ChapterFactory(body="Over ambassadeurs.")
    for _ in range(3):
        response = client.get("/zoeken/", {"q": "ambassadeur"})
    assert response.headers["Cache-Control"].startswith("private")
    etag = response.headers["ETag"]
    assert client.get("/zoeken/", {"q": "ambassadeur"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert stored == []


def test_nothing_is_stored_for_a_logged_in_editor(client_as, stored):
    editor = client_as("editor")
    chapter = ChapterFactory()
    for _ in range(3):
        count, response = queries(editor, chapter.get_absolute_url())
        assert count > 1
        assert response.headers["Cache-Control"].startswith("private")
    for _ in range(3):
        assert editor.get("/admin/handreiking/chapter/").status_code == 200
    assert stored == []


def test_the_zelftoets_the_admin_and_posts_are_never_stored(client, stored):
    for _ in range(3):
        form = client.get("/zelftoets/")
        assert form.headers["Cache-Control"] == "no-store"
        assert "csrfmiddlewaretoken" in form.content.decode()
        client.get("/admin/login/")
        client.post("/", {})
        client.get("/healthz")
    assert stored == []


@pytest.mark.urls(__name__)
def test_a_page_with_a_nonce_a_cookie_or_a_csrf_token_is_never_shared(stored):
    for url in ("/nonce/", "/koekje/", "/formulier/"):
        answers = [Client().get(url) for _ in range(3)]
        assert all(a.headers["Cache-Control"].startswith("private") for a in answers)
    nonces = {re.search(r'nonce="([^"]+)"', Client().get("/nonce/").content.decode())[1]}
    nonces |= {re.search(r'nonce="([^"]+)"', Client().get("/nonce/").content.decode())[1]}
    assert len(nonces) == 2
    assert stored == []


def test_a_reader_with_cookies_gets_the_shared_page_but_no_one_elses_cookie(client):
    chapter = ChapterFactory()
    url = chapter.get_absolute_url()
    warm(Client(), url)
    visitor = Client()
    visitor.get("/zelftoets/")  # a csrftoken cookie, as after a zelftoets
    assert "csrftoken" in visitor.cookies
    count, response = queries(visitor, url)
    assert count == 1
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_a_session_cookie_always_goes_to_the_view(client):
    url = ChapterFactory().get_absolute_url()
    warm(client, url)
    client.cookies["sessionid"] = "a-session-nobody-has"
    assert queries(client, url)[0] > 1


def test_each_host_gets_its_own_absolute_links(client, settings):
    settings.PORTAL_BASE_URL = ""
    for host in ("localhost", "127.0.0.1", "localhost"):
        warm(client, "/voor-hr/")
        body = client.get("/voor-hr/", HTTP_HOST=host).content.decode()
        assert f"http://{host}/h/" in body
    settings.PORTAL_BASE_URL = "https://handreiking.example.nl"
    assert "https://handreiking.example.nl/h/" in client.get("/voor-hr/").content.decode()


def test_query_strings_are_part_of_the_key_and_head_shares_the_get(client):
    chapter = ChapterFactory()
    warm(client, f"/voor-hr/qr/{chapter.pk}.svg")
    other = client.get(f"/voor-hr/qr/{chapter.pk}.svg", {"onderdeel": "eerste-onderdeel"})
    assert other.content != client.get(f"/voor-hr/qr/{chapter.pk}.svg").content
    url = chapter.get_absolute_url()
    warm(client, url)
    with CaptureQueriesContext(connection) as captured:
        head = client.head(url)
    assert (len(captured), head.status_code, head.content) == (1, 200, b"")
    assert head.headers["ETag"] == client.get(url).headers["ETag"]


def test_a_page_kept_once_is_not_stored(client, stored):
    qr = f"/voor-hr/qr/{ChapterFactory().pk}.svg"
    client.get(qr, {"onderdeel": "eerste-onderdeel"})
    assert stored == []
    client.get(qr, {"onderdeel": "eerste-onderdeel"})
    assert len(stored) == 1


def test_switched_off_nothing_is_stored(client, settings, stored):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(3):
        response = client.get("/")
    assert stored == []
    assert response.headers["ETag"]


# Across processes: gunicorn as in production, the chapter changed by another process.

CHAPTER_URL = "/handreiking/{slug}/"


def fetch_all(base_urls: list[str], url: str, count: int) -> list[str]:
    """`count` answers from these servers, several at a time so every worker answers."""

    def one(index: int) -> str:
        base = base_urls[index % len(base_urls)]
        with urllib.request.urlopen(base + url, timeout=30) as response:  # noqa: S310
            return response.read().decode()

    with ThreadPoolExecutor(max_workers=6) as pool:
        return list(pool.map(one, range(count)))


def check_never_stale(base_urls: list[str], slug: str, change_unversioned, publish) -> None:
    """Warm every worker; change the text behind the cache's back to prove pages are served
    from the store; then publish and require the new text on every answer, from the first."""
    url = CHAPTER_URL.format(slug=slug)
    fetch_all(base_urls, url, 40)
    change_unversioned()
    before = fetch_all(base_urls, url, 40)
    assert any("Oude tekst" in body for body in before), "nothing was served from the store"
    publish()
    after = [urllib.request.urlopen(base_urls[0] + url, timeout=30).read().decode()]  # noqa: S310
    after += fetch_all(base_urls, url, 60)
    assert all("Gepubliceerde tekst" in body for body in after)


def _raw_update(cursor_execute) -> None:
    cursor_execute(
        "UPDATE handreiking_chapter SET body_html = REPLACE(body_html, 'Oude tekst', "
        "'Ongeversioneerde tekst') WHERE slug = 'cache-test'"
    )


@pytest.fixture
def postgres_url(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Workers and instances share the test database on PostgreSQL only.")
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _cache_test_chapter() -> Chapter:
    return ChapterFactory(slug="cache-test", body="Oude tekst van het hoofdstuk.")


def _publish_in_this_process() -> None:
    chapter = Chapter.objects.get(slug="cache-test")
    chapter.body = "Gepubliceerde tekst van het hoofdstuk."
    chapter.save()


def _raw_update_in_this_process() -> None:
    with connection.cursor() as cursor:
        _raw_update(cursor.execute)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_on_postgresql_never_serve_a_stale_page(postgres_url, redis_client):
    _cache_test_chapter()
    redis_client.flushdb()
    env = {"DATABASE_URL": postgres_url, "REDIS_URL": "redis://127.0.0.1:6379/14"}
    with gunicorn(env, workers=2) as base:
        check_never_stale(
            [base], "cache-test", _raw_update_in_this_process, _publish_in_this_process
        )
    redis_client.flushdb()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_instances_sharing_redis_never_serve_a_stale_page(postgres_url, redis_client):
    _cache_test_chapter()
    redis_client.flushdb()
    env = {"DATABASE_URL": postgres_url, "REDIS_URL": "redis://127.0.0.1:6379/14"}
    with gunicorn(env, workers=2) as first, gunicorn(env, workers=2) as second:
        check_never_stale(
            [first, second], "cache-test", _raw_update_in_this_process, _publish_in_this_process
        )
    assert any(key.startswith(b"handreiking:") for key in redis_client.scan_iter())
    redis_client.flushdb()


SQLITE_PUBLISH = """
from handreiking.models import Chapter
chapter = Chapter.objects.get(slug="cache-test")
chapter.body = "Gepubliceerde tekst van het hoofdstuk."
chapter.save()
"""
SQLITE_CREATE = """
from handreiking.models import Chapter
Chapter.objects.create(number=900, title="Cachetest", slug="cache-test",
                       body="Oude tekst van het hoofdstuk.", is_published=True)
"""


def test_two_workers_on_sqlite_without_redis_never_serve_a_stale_page(tmp_path):
    """The default: SQLite and a cache in each process's own memory."""
    database = tmp_path / "portal.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}},
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_HTTPS": "0",
    }

    def manage(*args: str) -> None:
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=300
        )

    manage("migrate", "--noinput", "-v0")
    manage("shell", "-c", SQLITE_CREATE)
    lock = threading.Lock()

    def raw_update() -> None:
        import sqlite3

        with lock, sqlite3.connect(database) as db:
            _raw_update(db.execute)

    with gunicorn({"DATABASE_URL": f"sqlite:///{database}", "REDIS_URL": ""}, workers=2) as base:
        check_never_stale(
            [base], "cache-test", raw_update, lambda: manage("shell", "-c", SQLITE_PUBLISH)
        )


def test_without_the_content_version_pages_come_from_their_views(client, monkeypatch):
    calls = []

    def down():
        calls.append(1)
        raise OperationalError("database unavailable")

    monkeypatch.setattr(keys, "content_version", down)
    for _ in range(3):
        assert client.get("/toegankelijkheid/").status_code == 200
    assert len(calls) == 3


def test_every_request_reads_the_version_for_itself(client, monkeypatch):
    """No read is shared or kept between requests, stored pages included: each asks the
    database, so a publish shows on the very next request."""
    calls = []
    read = keys.content_version

    def counted():
        calls.append(1)
        return read()

    monkeypatch.setattr(keys, "content_version", counted)
    url = ChapterFactory().get_absolute_url()
    for _ in range(4):  # a miss, a miss that stores the page, then two stored pages
        assert client.get(url).status_code == 200
    assert len(calls) == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_version_read_doubles_as_the_connection_health_check():
    expected = ContentVersion.objects.current()
    connection.health_check_done = False  # as at the start of every request
    assert keys.content_version() == expected
    assert connection.health_check_done
    if connection.vendor != "postgresql":
        return  # SQLite's health check asks nothing, and its connection is the database itself
    # A connection the server dropped since the last request: reconnected, as the health
    # check would.
    pid = connection.connection.info.backend_pid
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], autocommit=True
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    connection.health_check_done = False
    assert keys.content_version() == expected
    assert connection.connection.info.backend_pid != pid
    # Read as a prepared statement, prepared again on the new connection.
    connection.health_check_done = False
    assert keys.content_version() == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        assert keys.STATEMENT.decode() in {row[0] for row in cursor.fetchall()}
