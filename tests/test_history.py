"""History: readable, bounded diffs; versions shown read-only; no write past the publish service."""

import random

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from handreiking import history, services
from tests.factories import ChapterFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/handreiking/chapter/"


def test_a_word_diff_marks_only_what_changed():
    diff = history.word_diff("Eén twee drie.\n\nVier vijf.", "Eén twee drie.\n\nVier zes.")
    assert diff == "Eén twee drie.\n\nVier <del>vijf.</del><ins>zes.</ins>"


def test_the_diff_of_two_long_reordered_texts_stays_bounded():
    words = [f"woord{n}" for n in range(15_000)]
    paragraphs = [" ".join(words[i : i + 150]) for i in range(0, len(words), 150)]
    shuffled = paragraphs[:]
    random.Random(7).shuffle(shuffled)
    old, new = "\n\n".join(paragraphs), "\n\n".join(shuffled)
    diff = history.word_diff(old, new)
    # Everything is still there, escaped, and the work was per paragraph (not 15,000²).
    assert diff.count("<ins>") <= len(paragraphs)
    assert "woord14999" in diff


def test_a_long_paragraph_pair_is_shown_removed_and_added_whole():
    old = " ".join(["oud"] * 900)
    new = " ".join(["nieuw"] * 900)
    assert history.word_diff(old, new) == f"<del>{old}</del><ins>{new}</ins>"


def test_the_per_version_form_never_publishes(client_as):
    chapter = ChapterFactory(title="Origineel")
    record = chapter.history.first()
    url = f"{CHANGELIST}{chapter.pk}/history/{record.history_id}/"
    for role in ("editor", "reviewer"):
        client = client_as(role)
        response = client.post(url, {"title": "Overschreven", "slug": chapter.slug, "number": 1})
        assert response.status_code in {403, 405}
    chapter.refresh_from_db()
    assert chapter.title == "Origineel"


def test_viewing_a_version_shows_it_compared_with_the_one_before(editor_client):
    chapter = ChapterFactory(body="Eerste.")
    services.publish_chapter(chapter=chapter, user=None, body="Tweede.")
    services.publish_chapter(chapter=chapter, user=None, body="Derde.")
    middle = chapter.history.order_by("history_date", "history_id")[1]
    response = editor_client.get(f"{CHANGELIST}{chapter.pk}/history/{middle.history_id}/")
    assert response.status_code == 302
    page = editor_client.get(response["Location"]).content.decode()
    assert "<del>Eerste.</del>" in page
    assert "<ins>Tweede.</ins>" in page


def test_a_view_only_user_sees_a_read_only_chapter_not_an_error(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_chapter"))
    client.force_login(user)
    chapter = ChapterFactory()
    response = client.get(f"{CHANGELIST}{chapter.pk}/change/")
    assert response.status_code == 200
    assert 'name="_publish"' not in response.content.decode()


def test_the_restore_page_shows_a_summary_not_a_diff(editor_client):
    chapter = ChapterFactory(body="Oud " * 15_000)
    first = chapter.history.first()
    services.publish_chapter(chapter=chapter, user=None, body="Nieuw " * 15_000)
    url = reverse("admin:handreiking_chapter_restore", args=[chapter.pk, first.history_id])
    page = editor_client.get(url).content.decode()
    assert "15.000 woorden worden 15.000 woorden" in page
    assert "Bekijk de verschillen" in page
    assert "<del>Oud" not in page
