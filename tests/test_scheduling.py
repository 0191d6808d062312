"""Scheduled publishing: an approved revision goes live at its moment when the timer runs
(`manage.py publish_scheduled`), exactly once; a reader's request never publishes; listed in a
calendar; cancellable."""

import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from handreiking.editorial import publishing, review, scheduling
from handreiking.editorial.states import WorkflowError
from handreiking.models import ChangeNote, Revision, RevisionState
from tests.factories import ChapterFactory, UserFactory, save_draft
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/handreiking/chapter/"
S = RevisionState


@pytest.fixture
def author():
    return UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")


@pytest.fixture
def colleague():
    return UserFactory(groups=["Redacteuren"], first_name="Bram", last_name="Jansen")


def schedule(chapter, author, colleague, *, body: str, minutes=30, kind="minor", note=""):
    """Saved, planned and approved: waiting for its moment."""
    draft = save_draft(chapter=chapter, user=author, body=body, change_kind=kind, change_note=note)
    moment = timezone.now() + dt.timedelta(minutes=minutes)
    review.schedule(revision=draft, user=author, publish_at=moment)
    return review.approve(revision_id=draft.pk, user=colleague)


def arrive(revision) -> dt.datetime:
    """The moment after the scheduled one, without waiting for it."""
    return revision.publish_at + dt.timedelta(seconds=1)


def test_a_scheduled_revision_stays_invisible_until_its_moment(client, author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    revision = schedule(chapter, author, colleague, body="Nieuwe tekst.")
    assert revision.state == S.SCHEDULED
    assert scheduling.publish_due() == []
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Oude tekst." in page and "Nieuwe tekst." not in page


def test_the_timer_publishes_it_with_the_real_moment(client, author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    revision = schedule(
        chapter, author, colleague, body="Nieuwe tekst.", kind="major", note="Nieuwe aanpak."
    )
    assert "Oude tekst." in client.get(chapter.get_absolute_url()).content.decode()  # stored
    moment = arrive(revision)
    assert scheduling.publish_due(now=moment) == [chapter]
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert "Nieuwe tekst." in page and "Nieuwe aanpak." in page
    chapter.refresh_from_db()
    note = ChangeNote.objects.get(chapter=chapter, note="Nieuwe aanpak.")
    assert note.changed_at == moment == chapter.last_major_change_at
    assert chapter.live_revision_id == revision.pk
    assert "gecontroleerd door Bram Jansen" in chapter.history.first().history_change_reason


@pytest.mark.parametrize("path", ["/", "/zoeken/?q=tekst", "/admin/", "/api/v1/hoofdstukken"])
def test_no_request_ever_publishes(admin_client, path, author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    revision = schedule(chapter, author, colleague, body="Nieuwe tekst.")
    Revision.objects.filter(pk=revision.pk).update(
        publish_at=timezone.now() - dt.timedelta(minutes=1)
    )
    admin_client.get(path)
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."
    assert Revision.objects.get(pk=revision.pk).state == S.SCHEDULED


def test_it_is_published_exactly_once_when_two_timers_race(author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    revision = schedule(chapter, author, colleague, body="Nieuwe tekst.")
    versions = chapter.history.count()
    assert scheduling._publish_one(revision.pk, now=arrive(revision)) is not None
    assert scheduling._publish_one(revision.pk, now=arrive(revision)) is None
    assert scheduling.publish_due(now=arrive(revision)) == []
    assert chapter.history.count() == versions + 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks across connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_timers_at_once_on_postgresql_publish_once(author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    revision = schedule(chapter, author, colleague, body="Nieuwe tekst.")
    results: list = []

    def timer():
        try:
            results.append(scheduling.publish_due(now=arrive(revision)))
        finally:
            connection.close()

    threads = [threading.Thread(target=timer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(len(published) for published in results) == [0, 1]


def test_a_cancelled_schedule_goes_back_to_review_and_never_publishes(client, author, colleague):
    """The colleague approved the text for that moment: going live sooner needs a new look."""
    chapter = ChapterFactory(body="Oude tekst.")
    revision = schedule(chapter, author, colleague, body="Nieuwe tekst.")
    review.unschedule(revision=revision, user=author)
    revision.refresh_from_db()
    assert revision.state == S.SUBMITTED and revision.publish_at is None
    assert scheduling.publish_due(now=timezone.now() + dt.timedelta(days=1)) == []
    assert "Oude tekst." in client.get(chapter.get_absolute_url()).content.decode()


def test_an_earlier_moment_needs_review_a_later_one_keeps_the_approval(author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    revision = schedule(chapter, author, colleague, body="Nieuwe tekst.", minutes=60)
    later = revision.publish_at + dt.timedelta(hours=2)
    assert review.schedule(revision=revision, user=author, publish_at=later).state == S.SCHEDULED
    earlier = timezone.now() + dt.timedelta(minutes=5)
    assert review.schedule(revision=revision, user=author, publish_at=earlier).state == S.SUBMITTED
    steps = list(revision.events.values_list("action", flat=True))
    assert steps[-2:] == ["reschedule", "reopen"]


def test_an_approval_is_for_the_moment_the_reviewer_saw(author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    draft = save_draft(chapter=chapter, user=author, body="Onder embargo.")
    moment = timezone.now() + dt.timedelta(days=2)
    review.submit(revision=draft, user=author, publish_at=moment)
    seen = review.moment_token(Revision.objects.get(pk=draft.pk))
    review.unschedule(revision=draft, user=author)  # meanwhile, while the colleague reads
    with pytest.raises(WorkflowError, match="moment"):
        review.approve(revision_id=draft.pk, user=colleague, moment=seen)
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."


def test_an_unapproved_plan_never_goes_live(author):
    chapter = ChapterFactory(body="Oude tekst.")
    draft = save_draft(chapter=chapter, user=author, body="Nieuwe tekst.")
    moment = timezone.now() + dt.timedelta(minutes=5)
    review.schedule(revision=draft, user=author, publish_at=moment)
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED and draft.publish_at == moment
    assert scheduling.publish_due(now=moment + dt.timedelta(hours=1)) == []
    assert list(Revision.objects.planned_without_approval(now=timezone.now())) == [draft]
    later = timezone.now() - dt.timedelta(days=2)  # two days before: not yet a concern
    assert list(Revision.objects.planned_without_approval(now=later)) == []


def test_a_schedule_that_cannot_go_through_goes_back_with_the_reason(author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    other = ChapterFactory()
    draft = save_draft(chapter=chapter, user=author, body="Nieuw.", slug=other.slug)
    review.schedule(revision=draft, user=author, publish_at=timezone.now() + dt.timedelta(hours=1))
    review.approve(revision_id=draft.pk, user=colleague)
    assert scheduling.publish_due(now=timezone.now() + dt.timedelta(hours=2)) == []
    draft.refresh_from_db()
    assert draft.state == S.APPROVED and draft.publish_at is None
    assert "adres" in draft.schedule_problem
    last = draft.events.last()  # a step in the audit trail like any other
    assert (last.action, last.state, last.user) == ("unschedule", S.APPROVED, None)
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."


def test_an_unexpected_failure_of_one_leaves_the_others(author, colleague, monkeypatch):
    first = ChapterFactory(body="Een.")
    second = ChapterFactory(body="Twee.")
    broken = schedule(first, author, colleague, body="Een, nieuw.")
    fine = schedule(second, author, colleague, body="Twee, nieuw.", minutes=31)
    real = publishing.publish

    def flaky(*, revision, **kwargs):
        if revision.pk == broken.pk:
            raise RuntimeError("kapot")
        return real(revision=revision, **kwargs)

    monkeypatch.setattr(publishing, "publish", flaky)
    assert scheduling.publish_due(now=arrive(fine)) == [second]
    broken.refresh_from_db()
    # A passing fault: still scheduled, so the timer's next run tries again.
    assert broken.state == S.SCHEDULED and not broken.schedule_problem
    monkeypatch.setattr(publishing, "publish", real)
    assert scheduling.publish_due(now=arrive(fine)) == [first]


def test_scheduling_in_the_past_is_refused_with_a_dutch_message(author):
    draft = save_draft(chapter=ChapterFactory(), user=author, body="B")
    with pytest.raises(WorkflowError, match="toekomst"):
        review.schedule(revision=draft, user=author, publish_at=timezone.now())


def test_the_command_publishes_what_is_due(capsys, author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    revision = schedule(chapter, author, colleague, body="Nieuwe tekst.")
    Revision.objects.filter(pk=revision.pk).update(publish_at=timezone.now())
    call_command("publish_scheduled")
    assert "Gepubliceerd" in capsys.readouterr().out
    call_command("publish_scheduled")
    assert "niets te publiceren" in capsys.readouterr().out


def test_an_editor_schedules_changes_and_cancels_from_the_form(client, author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    client.force_login(author)
    url = f"{CHANGELIST}{chapter.pk}/change/"
    moment = timezone.localtime() + dt.timedelta(days=2)
    data = form_data(chapter, body="Nieuwe tekst.", publish_at=moment.strftime("%Y-%m-%dT%H:%M"))
    response = client.post(url, {**data, "_schedule": "1"})
    assert response.status_code == 302
    draft = Revision.objects.open().get(chapter=chapter)
    assert draft.state == S.SUBMITTED
    assert timezone.localtime(draft.publish_at).strftime("%Y-%m-%d %H:%M") == moment.strftime(
        "%Y-%m-%d %H:%M"
    )
    page = client.get(url).content.decode()
    assert "maar nog niet goedgekeurd" in page and "Planning annuleren" in page
    preview = client.get(f"{CHANGELIST}{chapter.pk}/voorbeeld/").content.decode()
    assert "Nieuwe tekst." in preview
    review.approve(revision_id=draft.pk, user=colleague)
    later = moment + dt.timedelta(hours=3)
    data["opened_revision"] = draft.pk
    client.post(url, {**data, "publish_at": later.strftime("%Y-%m-%dT%H:%M"), "_schedule": "1"})
    draft.refresh_from_db()
    assert draft.state == S.SCHEDULED  # a new moment keeps the approval: the text is the same
    assert timezone.localtime(draft.publish_at).hour == later.hour
    client.post(url, {**data, "_cancel_schedule": "1"})
    draft.refresh_from_db()
    assert draft.publish_at is None and draft.state == S.SUBMITTED
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
    assert not Revision.objects.open().filter(chapter=chapter).exists()


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("editor", 200), ("reviewer", 403), ("hr", 403)]
)
def test_the_calendar_is_for_editors(client_as, role, status, author, colleague):
    chapter = ChapterFactory(title="Geplande tekst")
    revision = schedule(chapter, author, colleague, body="Nieuw.", minutes=60 * 24 * 3)
    response = client_as(role).get(f"{CHANGELIST}planning/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Geplande publicaties" in page and "Geplande tekst" in page
        month = timezone.localtime(revision.publish_at).strftime("%Y-%m")
        other = client_as(role).get(f"{CHANGELIST}planning/?maand={month}").content.decode()
        assert 'class="calendar-entry"' in other
        assert client_as(role).get(f"{CHANGELIST}planning/?maand=onzin").status_code == 200


def test_a_new_chapter_scheduled_waits_for_review(editor_client):
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
    draft = Revision.objects.get(chapter__slug="nieuw-hoofdstuk")
    assert draft.state == S.SUBMITTED
    assert scheduling.publish_due(now=timezone.now() + dt.timedelta(hours=2)) == []
