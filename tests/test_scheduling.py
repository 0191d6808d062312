"""Scheduled publishing: applied by the next request after the moment, on any page and for any
reader, exactly once, without a cron job; listed in a calendar; cancellable."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from handreiking import scheduling, services
from handreiking.models import ChangeNote, ChapterDraft, ContentVersion, ReviewState
from tests.factories import ChapterFactory, UserFactory
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/handreiking/chapter/"


def schedule(chapter, *, body: str, minutes: int = 30, kind: str = "minor", note: str = ""):
    draft = save_draft(
        chapter=chapter,
        user=None,
        title=chapter.title,
        slug=chapter.slug,
        summary=chapter.summary,
        body=body,
        change_kind=kind,
        change_note=note,
    )
    moment = timezone.now() + dt.timedelta(minutes=minutes)
    return scheduling.schedule_draft(draft=draft, publish_at=moment, user=None)


def arrive(draft) -> None:
    """Let the scheduled moment pass (as time would), without waiting for it."""
    past = timezone.now() - dt.timedelta(seconds=1)
    ChapterDraft.objects.filter(pk=draft.pk).update(publish_at=past)
    services.refresh_next_publication()


def test_a_scheduled_draft_stays_invisible_until_its_moment(client):
    chapter = ChapterFactory(body="Oude tekst.")
    schedule(chapter, body="Nieuwe tekst.")
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Oude tekst." in page
    assert "Nieuwe tekst." not in page
    assert ContentVersion.objects.get().next_publication_at is not None


def test_the_next_request_after_the_moment_publishes_it_even_from_the_page_cache(client):
    chapter = ChapterFactory(body="Oude tekst.")
    draft = schedule(chapter, body="Nieuwe tekst.", kind="major", note="Nieuwe aanpak.")
    colleague = UserFactory(groups=["Redacteuren"], first_name="Bram", last_name="Jansen")
    ChapterDraft.objects.filter(pk=draft.pk).update(
        review_state=ReviewState.APPROVED, reviewed_by=colleague
    )
    assert "Oude tekst." in client.get(chapter.get_absolute_url()).content.decode()  # stored
    arrive(draft)
    before = timezone.now()
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Nieuwe tekst." in page
    assert "Nieuwe aanpak." in page
    chapter.refresh_from_db()
    note = ChangeNote.objects.get(chapter=chapter, note="Nieuwe aanpak.")
    # The real publication time, not the moment the editor clicked "Plannen".
    assert note.changed_at >= before
    assert chapter.last_major_change_at == note.changed_at
    assert not ChapterDraft.objects.filter(chapter=chapter).exists()
    assert ContentVersion.objects.get().next_publication_at is None
    assert "gecontroleerd door Bram Jansen" in chapter.history.first().history_change_reason


@pytest.mark.parametrize("path", ["/", "/zoeken/?q=tekst", "/admin/"])
def test_any_page_applies_it_also_for_logged_in_users(admin_client, path):
    chapter = ChapterFactory(body="Oude tekst.")
    arrive(schedule(chapter, body="Nieuwe tekst."))
    admin_client.get(path)
    chapter.refresh_from_db()
    assert chapter.body == "Nieuwe tekst."


def test_it_is_published_exactly_once_when_two_requests_race():
    chapter = ChapterFactory(body="Oude tekst.")
    draft = schedule(chapter, body="Nieuwe tekst.")
    arrive(draft)
    versions = chapter.history.count()
    # Both "workers" saw the draft as due; only the one whose claim succeeds publishes.
    assert scheduling._publish_one(draft.pk, now=timezone.now()) is not None
    assert scheduling._publish_one(draft.pk, now=timezone.now()) is None
    assert scheduling.publish_due() == []
    assert chapter.history.count() == versions + 1


def test_a_cancelled_schedule_never_publishes(client):
    chapter = ChapterFactory(body="Oude tekst.")
    draft = schedule(chapter, body="Nieuwe tekst.")
    scheduling.cancel_schedule(draft=draft)
    ChapterDraft.objects.filter(pk=draft.pk).update(publish_at=None)
    assert scheduling.publish_due(now=timezone.now() + dt.timedelta(days=1)) == []
    assert "Oude tekst." in client.get(chapter.get_absolute_url()).content.decode()
    assert ChapterDraft.objects.get(pk=draft.pk).body == "Nieuwe tekst."


def test_an_unapproved_major_change_waits_for_approval(settings):
    settings.EDITING_REVIEW_REQUIRED = True
    chapter = ChapterFactory(body="Oude tekst.")
    draft = schedule(chapter, body="Nieuwe tekst.", kind="major", note="Herschreven.")
    arrive(draft)
    assert scheduling.publish_due() == []
    assert ContentVersion.objects.get().next_publication_at is None
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."


def test_a_schedule_that_cannot_go_through_stays_a_draft_with_the_reason(client):
    chapter = ChapterFactory(body="Oude tekst.")
    draft = schedule(chapter, body="Nieuwe tekst.")
    other = ChapterFactory()
    ChapterDraft.objects.filter(pk=draft.pk).update(slug=other.slug)
    arrive(draft)
    assert client.get(chapter.get_absolute_url()).status_code == 200
    draft.refresh_from_db()
    assert draft.publish_at is None
    assert "adres" in draft.schedule_problem
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."


def test_scheduling_in_the_past_is_refused_with_a_dutch_message():
    chapter = ChapterFactory()
    draft = save_draft(
        chapter=chapter, user=None, title="T", slug=chapter.slug, summary="", body="B"
    )
    with pytest.raises(scheduling.ScheduleError, match="toekomst"):
        scheduling.schedule_draft(draft=draft, publish_at=timezone.now(), user=None)


def test_the_command_publishes_what_is_due(capsys):
    chapter = ChapterFactory(body="Oude tekst.")
    arrive(schedule(chapter, body="Nieuwe tekst."))
    call_command("publish_scheduled")
    assert "Gepubliceerd" in capsys.readouterr().out
    call_command("publish_scheduled")
    assert "niets te publiceren" in capsys.readouterr().out


def test_an_editor_schedules_changes_and_cancels_from_the_form(editor_client, client):
    chapter = ChapterFactory(body="Oude tekst.")
    url = f"{CHANGELIST}{chapter.pk}/change/"
    moment = timezone.localtime() + dt.timedelta(days=2)
    data = form_data(chapter, body="Nieuwe tekst.", publish_at=moment.strftime("%Y-%m-%dT%H:%M"))
    response = editor_client.post(url, {**data, "_schedule": "1"})
    assert response.status_code == 302
    draft = ChapterDraft.objects.get(chapter=chapter)
    assert timezone.localtime(draft.publish_at).strftime("%Y-%m-%d %H:%M") == moment.strftime(
        "%Y-%m-%d %H:%M"
    )
    page = editor_client.get(url).content.decode()
    assert "Gepland:" in page and "Planning annuleren" in page
    preview = editor_client.get(f"{CHANGELIST}{chapter.pk}/voorbeeld/").content.decode()
    assert "Nieuwe tekst." in preview
    later = moment + dt.timedelta(hours=3)
    editor_client.post(
        url, {**data, "publish_at": later.strftime("%Y-%m-%dT%H:%M"), "_schedule": "1"}
    )
    draft.refresh_from_db()
    assert timezone.localtime(draft.publish_at).hour == later.hour
    editor_client.post(url, {**data, "_cancel_schedule": "1"})
    draft.refresh_from_db()
    assert draft.publish_at is None
    assert "Oude tekst." in client.get(chapter.get_absolute_url()).content.decode()


def test_scheduling_without_a_moment_or_in_the_past_changes_nothing(editor_client):
    chapter = ChapterFactory(body="Oude tekst.")
    url = f"{CHANGELIST}{chapter.pk}/change/"
    past = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    for moment, message in (("", "Kies wanneer"), (past, "in de toekomst")):
        data = {**form_data(chapter, body="Nieuw.", publish_at=moment), "_schedule": "1"}
        response = editor_client.post(url, data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not ChapterDraft.objects.filter(chapter=chapter).exists()


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("editor", 200), ("reviewer", 403)]
)
def test_the_calendar_is_for_editors(client_as, role, status):
    chapter = ChapterFactory(title="Geplande tekst")
    draft = schedule(chapter, body="Nieuw.", minutes=60 * 24 * 3)
    response = client_as(role).get(f"{CHANGELIST}planning/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Geplande publicaties" in page
        assert "Geplande tekst" in page
        month = timezone.localtime(draft.publish_at).strftime("%Y-%m")
        other = client_as(role).get(f"{CHANGELIST}planning/?maand={month}").content.decode()
        assert 'class="calendar-entry"' in other
        assert client_as(role).get(f"{CHANGELIST}planning/?maand=onzin").status_code == 200


def test_an_unexpected_failure_never_fails_the_readers_request(client, monkeypatch):
    chapter = ChapterFactory(body="Oude tekst.")
    draft = schedule(chapter, body="Nieuwe tekst.")
    arrive(draft)

    def broken(**kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(services, "publish_draft", broken)
    assert client.get(chapter.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200
    draft.refresh_from_db()
    assert draft.publish_at is None and draft.schedule_problem
    assert ContentVersion.objects.get().next_publication_at is None


def test_a_new_chapter_scheduled_waits_for_review_like_any_first_publication(editor_client):
    moment = timezone.localtime() + dt.timedelta(hours=1)
    data = {
        "number": 42,
        "title": "Nieuw hoofdstuk",
        "slug": "nieuw-hoofdstuk",
        "summary": "",
        "body": "Tekst.",
        "change_kind": "minor",
        "change_note": "",
        "publish_at": moment.strftime("%Y-%m-%dT%H:%M"),
        "_schedule": "1",
    }
    editor_client.post(f"{CHANGELIST}add/", data)
    draft = ChapterDraft.objects.get(chapter__slug="nieuw-hoofdstuk")
    assert draft.change_kind == "major" and draft.review_state == ReviewState.REQUESTED
    assert not ChapterDraft.objects.ready().filter(pk=draft.pk).exists()


def test_a_change_sent_back_or_in_review_never_goes_live_on_its_own(settings):
    chapter = ChapterFactory(body="Oude tekst.")
    author = UserFactory(groups=["Redacteuren"])
    draft = schedule(chapter, body="Nieuwe tekst.")
    ChapterDraft.objects.filter(pk=draft.pk).update(
        review_state=ReviewState.RETURNED, review_requested_by=author
    )
    arrive(draft)
    assert scheduling.publish_due() == []
    ChapterDraft.objects.filter(pk=draft.pk).update(review_state=ReviewState.REQUESTED)
    services.refresh_next_publication()
    assert scheduling.publish_due() == []
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."


def test_the_claim_checks_again_that_the_draft_may_go_live():
    chapter = ChapterFactory(body="Oude tekst.")
    draft = schedule(chapter, body="Nieuwe tekst.")
    arrive(draft)
    # Listed as due, then sent into review before this request claims it.
    ChapterDraft.objects.filter(pk=draft.pk).update(review_state=ReviewState.REQUESTED)
    assert scheduling._publish_one(draft.pk, now=timezone.now()) is None
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."
