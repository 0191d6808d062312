"""Who else is editing a chapter: recorded when the edit page opens, kept fresh by the page's
heartbeat, removed when the editor leaves, and shown to the other editors."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from handreiking.models import EditingPresence
from tests.factories import ChapterFactory, UserFactory
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db


def change_url(chapter) -> str:
    return f"/admin/handreiking/chapter/{chapter.pk}/change/"


def heartbeat_url(chapter) -> str:
    return f"/admin/handreiking/chapter/{chapter.pk}/bezig/"


def stop_url(chapter) -> str:
    return f"/admin/handreiking/chapter/{chapter.pk}/bezig/stop/"


def present(chapter, user, *, started_minutes_ago: int = 5, seen_seconds_ago: int = 10):
    now = timezone.now()
    return EditingPresence.objects.create(
        chapter=chapter,
        user=user,
        started_at=now - timedelta(minutes=started_minutes_ago),
        seen_at=now - timedelta(seconds=seen_seconds_ago),
    )


def clock(presence) -> str:
    """As the notice says it: the time, with the day when that was not today (after midnight,
    "30 minutes ago" is yesterday)."""
    local = timezone.localtime(presence.started_at)
    return date_format(local, "H:i" if local.date() == timezone.localdate() else "j F, H:i")


def view_only_user():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_chapter"))
    return user


def test_opening_the_edit_page_records_the_editor(editor_client, editor):
    chapter = ChapterFactory()
    response = editor_client.get(change_url(chapter))
    assert response.status_code == 200
    presence = EditingPresence.objects.get(chapter=chapter, user=editor)
    assert presence.seen_at >= presence.started_at
    # The page carries what its script needs, and no notice: nobody else is editing.
    page = response.content.decode()
    assert f'data-heartbeat-url="{heartbeat_url(chapter)}"' in page
    assert f'data-stop-url="{stop_url(chapter)}"' in page
    assert f'data-chapter-id="{chapter.pk}"' in page
    assert f'data-user-id="{editor.pk}"' in page
    assert 'data-login-url="/admin/login/"' in page
    assert "bewerkt dit hoofdstuk ook" not in page


def test_reopening_keeps_since_and_a_return_after_a_pause_starts_anew(editor_client, editor):
    chapter = ChapterFactory()
    recent = present(chapter, editor, started_minutes_ago=20, seen_seconds_ago=10)
    editor_client.get(change_url(chapter))
    again = EditingPresence.objects.get(pk=recent.pk)
    assert again.started_at == recent.started_at
    assert again.seen_at > recent.seen_at

    EditingPresence.objects.filter(pk=recent.pk).update(seen_at=timezone.now() - timedelta(hours=2))
    editor_client.get(change_url(chapter))
    assert EditingPresence.objects.get(pk=recent.pk).started_at > recent.started_at


def test_another_editor_at_work_is_named_with_the_time(editor_client):
    chapter = ChapterFactory()
    anna = UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")
    presence = present(chapter, anna)
    page = editor_client.get(change_url(chapter)).content.decode()
    assert (
        f"Let op: Anna de Vries bewerkt dit hoofdstuk ook, sinds {clock(presence)}. "
        "Overleg even, zodat u elkaars werk niet overschrijft."
    ) in page
    assert 'id="editor-presence-notice" class="editor-presence" role="status"' in page


def test_two_other_editors_and_a_username_without_a_full_name(editor_client):
    chapter = ChapterFactory()
    anna = UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")
    piet = UserFactory(groups=["Redacteuren"], username="p.jansen")
    first, second = present(chapter, anna, started_minutes_ago=30), present(chapter, piet)
    page = editor_client.get(change_url(chapter)).content.decode()
    assert (
        f"Let op: Anna de Vries (sinds {clock(first)}) en p.jansen (sinds {clock(second)}) "
        "bewerken dit hoofdstuk ook."
    ) in page


def test_an_editor_gone_quiet_or_on_another_chapter_is_not_mentioned(editor_client):
    chapter, other_chapter = ChapterFactory(), ChapterFactory()
    anna = UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")
    present(chapter, anna, seen_seconds_ago=600)
    present(other_chapter, UserFactory(groups=["Redacteuren"], first_name="Bert"))
    page = editor_client.get(change_url(chapter)).content.decode()
    assert "bewerkt dit hoofdstuk ook" not in page
    assert "Anna de Vries" not in page


def test_the_notice_text_is_escaped(editor_client):
    chapter = ChapterFactory()
    present(chapter, UserFactory(groups=["Redacteuren"], first_name="<b>Anna</b>"))
    page = editor_client.get(change_url(chapter)).content.decode()
    assert "&lt;b&gt;Anna&lt;/b&gt; bewerkt dit hoofdstuk ook" in page


def test_heartbeat_refreshes_and_answers_who_else_is_editing(editor_client, editor):
    chapter = ChapterFactory()
    anna = UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")
    hers = present(chapter, anna)
    mine = present(chapter, editor, seen_seconds_ago=40)
    response = editor_client.post(heartbeat_url(chapter))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert response.json() == {
        "editors": [{"name": "Anna de Vries", "since": clock(hers)}],
        "message": (
            f"Let op: Anna de Vries bewerkt dit hoofdstuk ook, sinds {clock(hers)}. "
            "Overleg even, zodat u elkaars werk niet overschrijft."
        ),
    }
    assert EditingPresence.objects.get(pk=mine.pk).seen_at > mine.seen_at


def test_heartbeat_alone_answers_an_empty_list(editor_client, editor):
    chapter = ChapterFactory()
    response = editor_client.post(heartbeat_url(chapter))
    assert response.json() == {"editors": [], "message": ""}
    assert EditingPresence.objects.filter(chapter=chapter, user=editor).exists()


def test_heartbeat_clears_rows_older_than_a_day(editor_client):
    chapter, other_chapter = ChapterFactory(), ChapterFactory()
    old = present(other_chapter, UserFactory(groups=["Redacteuren"]), seen_seconds_ago=25 * 3600)
    recent = present(other_chapter, UserFactory(groups=["Redacteuren"]), seen_seconds_ago=3600)
    editor_client.post(heartbeat_url(chapter))
    assert not EditingPresence.objects.filter(pk=old.pk).exists()
    assert EditingPresence.objects.filter(pk=recent.pk).exists()


def test_stop_removes_only_the_editors_own_presence(editor_client, editor):
    chapter = ChapterFactory()
    present(chapter, editor)
    hers = present(chapter, UserFactory(groups=["Redacteuren"]))
    response = editor_client.post(stop_url(chapter))
    assert response.status_code == 204
    assert list(EditingPresence.objects.filter(chapter=chapter)) == [hers]


@pytest.mark.parametrize("url", [heartbeat_url, stop_url])
def test_endpoints_refuse_get(editor_client, url):
    assert editor_client.get(url(ChapterFactory())).status_code == 405


def test_endpoints_need_the_csrf_token_which_may_come_as_form_data(editor):
    chapter = ChapterFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get(change_url(chapter))
    token = client.cookies["csrftoken"].value
    assert client.post(heartbeat_url(chapter)).status_code == 403
    assert client.post(heartbeat_url(chapter), headers={"X-CSRFToken": token}).status_code == 200
    assert client.post(stop_url(chapter)).status_code == 403
    assert EditingPresence.objects.filter(chapter=chapter).exists()
    # navigator.sendBeacon cannot set a header: the token comes in the form data.
    assert client.post(stop_url(chapter), {"csrfmiddlewaretoken": token}).status_code == 204
    assert not EditingPresence.objects.filter(chapter=chapter).exists()


@pytest.mark.parametrize(
    ("role", "heartbeat_status", "stop_status"),
    [("anonymous", 302, 302), ("editor", 200, 204), ("reviewer", 403, 403)],
)
def test_endpoints_are_for_editors_only(client_as, role, heartbeat_status, stop_status):
    chapter = ChapterFactory()
    client = client_as(role)
    heartbeat = client.post(heartbeat_url(chapter))
    assert heartbeat.status_code == heartbeat_status
    assert client.post(stop_url(chapter)).status_code == stop_status
    if role == "anonymous":
        assert heartbeat["Location"].startswith("/admin/login/")
    if role != "editor":
        assert not EditingPresence.objects.exists()


def test_endpoints_answer_404_for_an_unknown_chapter(editor_client):
    assert editor_client.post("/admin/handreiking/chapter/999999/bezig/").status_code == 404


def test_a_reader_with_view_permission_only_is_not_recorded_but_sees_the_notice(client):
    chapter = ChapterFactory()
    anna = UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")
    present(chapter, anna)
    viewer = view_only_user()
    client.force_login(viewer)
    response = client.get(change_url(chapter))
    assert response.status_code == 200
    page = response.content.decode()
    assert not EditingPresence.objects.filter(user=viewer).exists()
    assert "data-heartbeat-url" not in page
    assert "Anna de Vries bewerkt dit hoofdstuk ook" in page
    assert client.post(heartbeat_url(chapter)).status_code == 403
    assert not EditingPresence.objects.filter(user=viewer).exists()


def test_a_failed_save_keeps_the_presence_and_publishing_ends_it(editor_client, editor, settings):
    settings.EDITING_REVIEW_REQUIRED = False
    chapter = ChapterFactory()
    editor_client.get(change_url(chapter))
    invalid = {**form_data(chapter, body="Nieuw.", change_kind="major"), "_publish": "1"}
    assert editor_client.post(change_url(chapter), invalid).status_code == 200
    assert EditingPresence.objects.filter(chapter=chapter, user=editor).exists()

    draft = {**form_data(chapter, body="Concept."), "_save_draft": "1"}
    assert editor_client.post(change_url(chapter), draft)["Location"] == change_url(chapter)
    assert EditingPresence.objects.filter(chapter=chapter, user=editor).exists()

    published = {**form_data(chapter, body="Gepubliceerd."), "_publish": "1"}
    assert editor_client.post(change_url(chapter), published).status_code == 302
    assert not EditingPresence.objects.filter(chapter=chapter, user=editor).exists()


def test_the_add_page_has_no_presence(editor_client):
    response = editor_client.get("/admin/handreiking/chapter/add/")
    assert response.status_code == 200
    assert "editor-presence" not in response.content.decode()
    assert not EditingPresence.objects.exists()


def test_the_change_page_loads_the_presence_styles(editor_client):
    page = editor_client.get(change_url(ChapterFactory())).content.decode()
    assert "css/presence.css" in page
    assert "js/editor.js" in page
