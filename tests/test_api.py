"""The read-only JSON API for other intranet systems, by the Dutch API Design Rules."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from handreiking.models import Chapter
from tests.factories import ChapterFactory, clear_chapters, publish, publish_change, save_draft

pytestmark = pytest.mark.django_db

LIST = "/api/v1/hoofdstukken"
PROBLEM = "application/problem+json"


def test_list_gives_published_chapters_in_order_with_links(client):
    clear_chapters()
    ChapterFactory(number=3)
    chapter = ChapterFactory(
        number=1, body="## Wat zegt de Gedragscode Integriteit Rijk?\n\n- Wees zorgvuldig."
    )
    ChapterFactory(number=2)
    response = client.get(LIST)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["API-Version"] == "1.0.0"
    chapters = response.json()["hoofdstukken"]
    assert [c["nummer"] for c in chapters] == [1, 2, 3]
    first = chapters[0]
    assert first["url"] == f"http://testserver/handreiking/{chapter.slug}/"
    assert first["vaste_url"] == f"http://testserver/h/{chapter.pk}/"
    assert first["api_url"] == f"http://testserver{LIST}/{chapter.slug}"
    assert first["onderdelen"][0]["url"].endswith("#wat-zegt-de-gedragscode-integriteit-rijk")
    assert first["eerst_gepubliceerd"].startswith(str(chapter.first_published_at.year))


def test_list_answers_304_until_a_chapter_changes(client):
    chapter = ChapterFactory()
    first = client.get(LIST)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert "must-revalidate" in first["Cache-Control"]
    assert client.get(LIST, headers={"If-None-Match": etag}).status_code == 304
    publish_change(chapter=chapter, user=None, body=chapter.body + "\n\nExtra.")
    again = client.get(LIST, headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag
    assert modified


def test_each_representation_has_its_own_etag(client, settings):
    ChapterFactory()
    one = client.get(LIST, HTTP_HOST="localhost")
    other = client.get(LIST, HTTP_HOST="127.0.0.1")
    assert one.content != other.content
    assert one["ETag"] != other["ETag"]


def test_portal_base_url_decides_every_absolute_address(client, settings):
    settings.PORTAL_BASE_URL = "https://handreiking.intranet.example"
    chapter = ChapterFactory()
    data = client.get(f"{LIST}/{chapter.slug}", HTTP_HOST="127.0.0.1").json()
    assert data["url"] == f"https://handreiking.intranet.example/handreiking/{chapter.slug}/"
    assert data["vaste_url"] == f"https://handreiking.intranet.example/h/{chapter.pk}/"


def test_drafts_are_not_in_the_api(client, editor):
    save_draft(
        chapter=Chapter(number=8), title="Concept", slug="concept", summary="", body="x",
        user=editor,
    )  # fmt: skip
    assert "concept" not in {c["slug"] for c in client.get(LIST).json()["hoofdstukken"]}
    missing = client.get(f"{LIST}/concept")
    assert missing.status_code == 404
    assert missing["Content-Type"] == PROBLEM
    assert missing.json()["status"] == 404


def test_detail_has_markdown_html_and_change_notes_and_answers_304(client):
    chapter = publish(
        number=3,
        title="De krantentest",
        body="Vraag je af of je:\n\n- Je goedkeuring zou krijgen van je baas\n",
    )
    response = client.get(f"{LIST}/{chapter.slug}")
    data = response.json()
    assert data["markdown"] == chapter.body
    assert "<li>Je goedkeuring zou krijgen van je baas</li>" in data["html"]
    assert data["wijzigingen"][0]["notitie"] == "Eerste publicatie"
    conditional = client.get(f"{LIST}/{chapter.slug}", headers={"If-None-Match": response["ETag"]})
    assert conditional.status_code == 304
    assert conditional["API-Version"] == "1.0.0"


def test_detail_follows_a_renamed_slug(client):
    chapter = ChapterFactory()
    old = chapter.slug
    publish_change(chapter=chapter, user=None, slug="krantentest")
    response = client.get(f"{LIST}/{old}")
    assert response.status_code == 301
    assert response["Location"] == f"{LIST}/krantentest"


def test_the_first_rounds_addresses_redirect_to_v1(client):
    chapter = ChapterFactory()
    assert client.get("/api/hoofdstukken/")["Location"] == LIST
    response = client.get(f"/api/hoofdstukken/{chapter.slug}/")
    assert response.status_code == 301
    assert response["Location"] == f"{LIST}/{chapter.slug}"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_answer_405_as_a_problem(client, method):
    chapter = ChapterFactory()
    response = getattr(client, method)(f"{LIST}/{chapter.slug}")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Deze methode kan hier niet"
    assert Chapter.objects.filter(pk=chapter.pk, slug=chapter.slug).exists()


@pytest.mark.parametrize("path", [f"{LIST}/", "/api/v1/bestaat-niet", "/api/v1/"])
def test_unknown_addresses_and_trailing_slashes_are_problems(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert json.loads(response.content)["type"] == "about:blank"


def test_search_as_json_with_urls_to_sections(client):
    chapter = ChapterFactory(body="## Zeppelins\n\nLuchtschepen vliegen langzaam.")
    response = client.get("/api/v1/zoeken", {"q": "luchtschepen"})
    assert response.status_code == 200
    data = response.json()
    assert data["resultaten"][0]["url"] == f"{chapter.get_absolute_url()}#zeppelins"
    assert "Luchtschepen" in data["resultaten"][0]["fragment"]
    assert "<mark>" not in data["resultaten"][0]["fragment"]
    assert data["suggestie"] is None


def test_search_without_a_query_is_a_400_problem(client):
    response = client.get("/api/v1/zoeken")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert "q" in response.json()["detail"]


def test_cors_is_off_by_default_and_follows_the_allow_list(client, settings):
    ChapterFactory()
    origin = {"Origin": "https://intranet.example"}
    assert "Access-Control-Allow-Origin" not in client.get(LIST, headers=origin)
    settings.API_CORS_ALLOWED_ORIGINS = ["https://intranet.example"]
    allowed = client.get(LIST, headers=origin)
    assert allowed["Access-Control-Allow-Origin"] == "https://intranet.example"
    assert "Origin" in allowed["Vary"]
    preflight = client.options(LIST, headers=origin)
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_the_openapi_description_is_public_and_dutch(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/hoofdstukken", "/api/v1/hoofdstukken/{slug}", "/api/v1/zoeken"} <= set(
        schema["paths"]
    )
    not_found = schema["paths"]["/api/v1/hoofdstukken/{slug}"]["get"]["responses"]["404"]
    assert PROBLEM in not_found["content"]


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_the_test_connection():
    """The real WSGI handler closes database connections after each request; inside a test
    that would close the test's own transaction (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_openapi_promises(case, keep_the_test_connection):
    """Property-based: generated requests for every operation; every answer must match the
    description (status codes, content types, schemas) and never be a server error."""
    case.call_and_validate()
