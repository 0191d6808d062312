"""The read-only JSON API for other intranet systems."""

import pytest

from handreiking import services
from handreiking.models import Chapter
from tests.factories import ChapterFactory, clear_chapters, publish

pytestmark = pytest.mark.django_db


def test_list_gives_published_chapters_in_order_with_links(client):
    clear_chapters()
    ChapterFactory(number=3)
    chapter = ChapterFactory(
        number=1, body="## Wat zegt de Gedragscode Integriteit Rijk?\n\n- Wees zorgvuldig."
    )
    ChapterFactory(number=2)
    response = client.get("/api/hoofdstukken/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    chapters = response.json()["hoofdstukken"]
    assert [c["nummer"] for c in chapters] == [1, 2, 3]
    first = chapters[0]
    assert first["url"] == f"http://testserver/handreiking/{chapter.slug}/"
    assert first["vaste_url"] == f"http://testserver/h/{chapter.pk}/"
    assert first["onderdelen"][0]["url"].endswith("#wat-zegt-de-gedragscode-integriteit-rijk")


def test_list_answers_304_until_a_chapter_changes(client):
    chapter = ChapterFactory()
    first = client.get("/api/hoofdstukken/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/api/hoofdstukken/", headers={"If-None-Match": etag}).status_code == 304
    services.publish_chapter(chapter=chapter, user=None, body=chapter.body + "\n\nExtra.")
    again = client.get("/api/hoofdstukken/", headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag
    assert modified


def test_drafts_are_not_in_the_api(client, editor):
    services.save_draft(
        chapter=Chapter(number=8), title="Concept", slug="concept", summary="", body="x",
        user=editor,
    )  # fmt: skip
    assert "concept" not in {
        c["slug"] for c in client.get("/api/hoofdstukken/").json()["hoofdstukken"]
    }
    assert client.get("/api/hoofdstukken/concept/").status_code == 404


def test_detail_has_markdown_html_and_change_notes_and_answers_304(client):
    chapter = publish(
        number=3,
        title="De krantentest",
        body="Vraag je af of je:\n\n- Je goedkeuring zou krijgen van je baas\n",
    )
    response = client.get(f"/api/hoofdstukken/{chapter.slug}/")
    data = response.json()
    assert data["markdown"] == chapter.body
    assert "<li>Je goedkeuring zou krijgen van je baas</li>" in data["html"]
    assert data["wijzigingen"][0]["notitie"] == "Eerste publicatie"
    conditional = client.get(
        f"/api/hoofdstukken/{chapter.slug}/", headers={"If-None-Match": response["ETag"]}
    )
    assert conditional.status_code == 304


def test_detail_follows_a_renamed_slug(client):
    chapter = ChapterFactory()
    old = chapter.slug
    services.publish_chapter(chapter=chapter, user=None, slug="krantentest")
    response = client.get(f"/api/hoofdstukken/{old}/")
    assert response.status_code == 301
    assert response["Location"] == "/api/hoofdstukken/krantentest/"
