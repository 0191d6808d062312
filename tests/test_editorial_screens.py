"""The editors' screens around a revision, as an editor, a colleague and people without the
right see them: a revision's own page, all versions in the history, the review list, the
draft comparison, merging when there is nothing to merge, and the maintenance commands."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone

from handreiking.editorial import checks, publishing, review, states
from handreiking.models import Chapter, Revision, RevisionState
from tests.factories import ChapterFactory, UserFactory, save_draft

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/handreiking/chapter/"
S = RevisionState


@pytest.fixture
def anna():
    return UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")


@pytest.fixture
def bram():
    return UserFactory(groups=["Redacteuren"], first_name="Bram", last_name="Jansen")


def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("editor", 200), ("reviewer", 403), ("hr", 403)]
)
def test_a_revisions_own_page_is_for_editors(client_as, role, status, anna):
    chapter = ChapterFactory()
    draft = save_draft(chapter=chapter, user=anna, body="Nieuwe tekst.")
    response = client_as(role).get(f"{CHANGELIST}{chapter.pk}/versies/{draft.pk}/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert f"Versie {draft.pk}" in page and "Anna de Vries" in page and "Concept" in page


def test_the_history_lists_every_revision_with_its_state(client, anna, bram):
    chapter = ChapterFactory()
    first = save_draft(chapter=chapter, user=anna, body="Een.")
    second = save_draft(chapter=chapter, user=bram, body="Twee.")
    page = logged_in(client, anna).get(f"{CHANGELIST}{chapter.pk}/history/").content.decode()
    assert "Alle versies, ook concepten" in page
    assert f"Versie {first.pk}" in page and f"Versie {second.pk}" in page
    assert "Vervangen door een nieuwere versie" in page and "wat lezers nu zien" in page
    # A version of simple-history's own page leads to the comparison, read-only.
    record = chapter.history.first()
    response = client.get(f"{CHANGELIST}{chapter.pk}/history/{record.history_id}/")
    assert response.status_code == 302 and "vergelijken" in response["Location"]
    assert client.post(f"{CHANGELIST}{chapter.pk}/history/{record.history_id}/").status_code == 405


def test_the_review_list_leads_to_the_waiting_version_or_says_there_is_none(client, anna, bram):
    chapter = ChapterFactory()
    logged_in(client, bram)
    response = client.get(f"{CHANGELIST}{chapter.pk}/controle/", follow=True)
    assert "geen wijziging ter controle" in response.content.decode()
    draft = save_draft(chapter=chapter, user=anna, body="Nieuw.")
    review.submit(revision=draft, user=anna)
    response = client.get(f"{CHANGELIST}{chapter.pk}/controle/")
    assert response["Location"].endswith(f"/controle/{draft.pk}/")


def test_returning_with_a_comment_from_the_review_page(client, anna, bram):
    chapter = ChapterFactory()
    draft = save_draft(chapter=chapter, user=anna, body="Nieuw.")
    review.submit(revision=draft, user=anna)
    url = f"{CHANGELIST}{chapter.pk}/controle/{draft.pk}/"
    logged_in(client, bram)
    refused = client.post(url, {"return": "1", "comment": ""}, follow=True)
    assert "Schrijf erbij wat er beter moet" in refused.content.decode()
    client.post(url, {"return": "1", "comment": "Een voorbeeld erbij graag."})
    draft.refresh_from_db()
    assert draft.state == S.RETURNED and draft.review_comment == "Een voorbeeld erbij graag."
    # Once decided, the page says so and offers no buttons.
    page = client.get(url).content.decode()
    assert "wacht niet (meer) op controle" in page and 'name="approve"' not in page


def test_approving_a_scheduled_change_from_the_page_names_its_moment(client, anna, bram):
    chapter = ChapterFactory(body="Oud.")
    draft = save_draft(chapter=chapter, user=anna, body="Nieuw.")
    moment = timezone.now() + dt.timedelta(days=3)
    review.submit(revision=draft, user=anna, publish_at=moment)
    url = f"{CHANGELIST}{chapter.pk}/controle/{draft.pk}/"
    logged_in(client, bram)
    shown = client.get(url).context["form"]["moment"].value()
    response = client.post(url, {"approve": "1", "moment": shown}, follow=True)
    assert "De wijziging gaat live op" in response.content.decode()
    assert Revision.objects.get(pk=draft.pk).state == S.SCHEDULED


def test_the_draft_comparison_with_and_without_a_draft(client, anna):
    chapter = ChapterFactory(body="Oud.")
    logged_in(client, anna)
    none = client.get(f"{CHANGELIST}{chapter.pk}/concept-vergelijken/", follow=True)
    assert "Er is geen concept" in none.content.decode()
    save_draft(chapter=chapter, user=anna, body="Nieuw.")
    page = client.get(f"{CHANGELIST}{chapter.pk}/concept-vergelijken/").content.decode()
    assert "<ins>Nieuw.</ins>" in page or "Nieuw." in page


def test_merging_when_there_is_nothing_to_merge_says_so(client, anna):
    chapter = ChapterFactory()
    draft = save_draft(chapter=chapter, user=anna, body="Nieuw.")
    logged_in(client, anna)
    response = client.get(f"{CHANGELIST}{chapter.pk}/samenvoegen/{draft.pk}/", follow=True)
    assert "Er is niets samen te voegen" in response.content.decode()


def test_a_withdrawn_version_stays_in_the_history_and_cannot_be_approved(anna, bram):
    chapter = ChapterFactory()
    draft = save_draft(chapter=chapter, user=anna, body="Toch niet.")
    review.submit(revision=draft, user=anna)
    review.withdraw(revision=draft, user=anna, comment="Te vroeg.")
    with pytest.raises(states.WorkflowError, match="ingetrokken"):
        review.approve(revision_id=draft.pk, user=bram)
    published = Revision.objects.get(pk=Chapter.objects.get(pk=chapter.pk).live_revision_id)
    with pytest.raises(states.WorkflowError, match="al gepubliceerd"):
        review.approve(revision_id=published.pk, user=bram)
    with pytest.raises(states.WorkflowError, match="bestaat niet"):
        review.approve(revision_id=999_999, user=bram)


def test_publishing_without_review_needs_a_reason(anna):
    anna.user_permissions.add(Permission.objects.get(codename="publish_without_review"))
    draft = save_draft(chapter=ChapterFactory(), user=anna, body="Spoed.")
    with pytest.raises(publishing.PublishError, match="waarom"):
        publishing.publish_unreviewed(revision=draft, user=anna, reason="  ")


def test_checking_needs_a_published_chapter_and_a_new_date_is_recorded(anna):
    draft_only = Chapter.objects.get(
        pk=save_draft(
            chapter=Chapter(number=77), user=anna, title="Nog niet af", slug="nog-niet-af", body="x"
        ).chapter_id
    )
    with pytest.raises(states.WorkflowError, match="gepubliceerd"):
        checks.mark_checked(chapter=draft_only, user=anna)
    chapter = ChapterFactory()
    moment = timezone.localdate() + dt.timedelta(days=100)
    checks.set_review_by(chapter=chapter, review_by=moment, user=anna)
    checks.set_review_by(chapter=chapter, review_by=moment, user=anna)  # the same: nothing new
    chapter.refresh_from_db()
    assert chapter.review_by == moment
    assert chapter.history.filter(history_change_reason__startswith="Controleren vóór").count() == 1


def test_the_maintenance_commands_say_what_they_did(anna, settings):
    settings.EDITING_REVISION_RETENTION_DAYS = 1
    chapter = ChapterFactory()
    save_draft(chapter=chapter, user=anna, body="Een.")
    save_draft(chapter=chapter, user=anna, body="Twee.")
    out = StringIO()
    call_command("prune_revisions", stdout=out)
    assert "0 oude concepten verwijderd" in out.getvalue()  # too young yet
    Revision.objects.update(created_at=timezone.now() - dt.timedelta(days=2))
    save_draft(chapter=chapter, user=anna, body="Drie.")
    out = StringIO()
    call_command("prune_revisions", stdout=out)
    assert "oude concepten verwijderd" in out.getvalue()


def test_the_to_do_list_is_not_shown_to_people_without_chapters(client_as):
    page = client_as("reviewer").get("/admin/").content.decode()
    assert "Te doen voor de redactie" not in page
