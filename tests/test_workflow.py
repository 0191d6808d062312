"""The editorial model with several people at once: two editors and a reviewer, as in the admin.

Every change is a revision; a colleague approves exactly the revision they read; nobody's saved
text disappears; publishing without review needs an explicit right and a reason."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from handreiking.editorial import checks, publishing, restoring, review, revisions, scheduling
from handreiking.editorial.retention import prune_revisions
from handreiking.editorial.states import WorkflowError
from handreiking.models import Chapter, Revision, RevisionEvent, RevisionState
from tests.factories import ChapterFactory, UserFactory, save_draft
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/handreiking/chapter/"
S = RevisionState


@pytest.fixture
def anna():
    return UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")


@pytest.fixture
def bram():
    return UserFactory(groups=["Redacteuren"], first_name="Bram", last_name="Jansen")


@pytest.fixture
def carla():
    return UserFactory(groups=["Redacteuren"], first_name="Carla", last_name="Smit")


def browser(client_factory, user):
    """One editor's own browser (session): several people at once, each with their own."""
    client = client_factory()
    client.force_login(user)
    return client


@pytest.fixture
def people(anna, bram, carla):
    return {user: browser(Client, user) for user in (anna, bram, carla)}


def change_url(chapter) -> str:
    return f"{CHANGELIST}{chapter.pk}/change/"


def opened(client, chapter) -> dict:
    """What the edit page hands its editor: the form as loaded, with the revision it opened."""
    page = client.get(change_url(chapter))
    form = page.context["adminform"].form
    return {**form_data(chapter), **{k: v for k, v in form.initial.items() if v is not None}}


def test_a_stale_approval_is_refused_and_the_new_text_returns_to_the_list(people, anna, bram):
    chapter = ChapterFactory(body="Oude tekst.")
    a, b = people[anna], people[bram]
    data = {**opened(a, chapter), "body": "Eerste versie.", "_request_review": "1"}
    a.post(change_url(chapter), data)
    first = Revision.objects.get(chapter=chapter, state=S.SUBMITTED)
    # Bram opens the review page of Anna's first version ...
    review_url = f"{CHANGELIST}{chapter.pk}/controle/{first.pk}/"
    assert "Eerste" in b.get(review_url).content.decode()
    # ... Anna changes the text meanwhile: a new revision, back in review ...
    a.post(
        change_url(chapter), {**opened(a, chapter), "body": "Tweede versie.", "_save_draft": "1"}
    )
    second = Revision.objects.get(chapter=chapter, state=S.SUBMITTED)
    assert second.pk != first.pk and second.body == "Tweede versie."
    # ... and Bram's approval from the page he loaded earlier is refused.
    response = b.post(review_url, {"approve": "1"}, follow=True)
    assert "nieuwere versie" in response.content.decode()
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."
    home = b.get("/admin/").content.decode()
    assert f"/controle/{second.pk}/" in home
    # Approving what he now read publishes exactly that.
    b.post(f"{CHANGELIST}{chapter.pk}/controle/{second.pk}/", {"approve": "1"})
    chapter.refresh_from_db()
    assert chapter.body == "Tweede versie."
    assert chapter.live_revision_id == second.pk


def test_a_minor_rewrite_waits_for_review(people, anna, bram, client):
    chapter = ChapterFactory(body="Oude tekst.")
    before = chapter.last_major_change_at
    a = people[anna]
    response = a.post(change_url(chapter), {**opened(a, chapter), "body": "Alles anders."})
    assert response.status_code == 200
    assert "Elke wijziging leest eerst een collega na" in response.content.decode()
    a.post(
        change_url(chapter),
        {**opened(a, chapter), "body": "Alles anders.", "_request_review": "1"},
    )
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."
    revision = Revision.objects.get(chapter=chapter, state=S.SUBMITTED)
    review.approve(revision_id=revision.pk, user=bram)
    chapter.refresh_from_db()
    assert chapter.body == "Alles anders."
    assert chapter.last_major_change_at == before  # minor: the date stays
    assert "Alles anders." in client.get(chapter.get_absolute_url()).content.decode()


def test_publish_button_only_publishes_an_approved_text_unchanged(people, anna, bram):
    chapter = ChapterFactory(body="Oude tekst.")
    a = people[anna]
    a.post(change_url(chapter), {**opened(a, chapter), "body": "Nieuw.", "_request_review": "1"})
    revision = Revision.objects.get(chapter=chapter, state=S.SUBMITTED)
    review.return_for_changes(revision_id=revision.pk, user=bram, comment="Korter graag.")
    assert "Korter graag." in a.get("/admin/").content.decode()  # on the author's list
    a.post(change_url(chapter), {**opened(a, chapter), "body": "Kort.", "_request_review": "1"})
    approved = review.approve(
        revision_id=Revision.objects.get(chapter=chapter, state=S.SUBMITTED).pk, user=bram
    )
    assert approved.state == S.PUBLISHED
    chapter.refresh_from_db()
    assert chapter.body == "Kort."


def test_two_editors_in_conflict_keep_both_texts_and_merge(people, anna, bram, client):
    chapter = ChapterFactory(body="Begin.\n\nMidden.\n\nEinde.")
    a, b = people[anna], people[bram]
    anna_form, bram_form = opened(a, chapter), opened(b, chapter)
    a.post(
        change_url(chapter),
        {**anna_form, "body": "Begin van Anna.\n\nMidden.\n\nEinde.", "_save_draft": "1"},
    )
    response = b.post(
        change_url(chapter),
        {**bram_form, "body": "Begin van Bram.\n\nMidden.\n\nEinde van Bram.", "_save_draft": "1"},
    )
    theirs = Revision.objects.get(chapter=chapter, author=anna)
    mine = Revision.objects.get(chapter=chapter, author=bram)
    assert response.status_code == 302
    assert f"/samenvoegen/{mine.pk}/" in response["Location"]
    # Both texts are kept, and Anna hears of it on her next heartbeat.
    assert theirs.state == mine.state == S.DRAFT
    ping = a.post(
        f"{CHANGELIST}{chapter.pk}/bezig/", headers={"X-Editor-Version": str(theirs.pk)}
    ).json()
    assert "nieuwere versie" in ping["message"]
    page = b.get(response["Location"]).content.decode()
    assert "Begin van Anna." in page and "Begin van Bram." in page
    # Not now? The edit page keeps offering the merge of the two versions side by side.
    form = b.get(change_url(chapter)).content.decode()
    assert "nog een versie naast deze" in form and f"samenvoegen/{mine.pk}/?met={theirs.pk}" in form
    assert "Einde van Bram." in page  # only Bram changed it: taken as it is
    b.post(response["Location"], {"met": theirs.pk, "deel-0": "mine"})
    merged = Revision.objects.open().get(chapter=chapter)
    assert merged.body == "Begin van Bram.\n\nMidden.\n\nEinde van Bram."
    assert merged.parent_id == theirs.pk and merged.merged_from_id == mine.pk
    # Nobody's saved text is gone: both stay in the history, readers see nothing yet.
    for kept in (theirs, mine):
        kept.refresh_from_db()
        assert kept.state == S.SUPERSEDED and kept.body.startswith("Begin van")
    assert "Begin.</p>" in client.get(chapter.get_absolute_url()).content.decode()


def test_merging_with_both_paragraphs_keeps_each(anna, bram):
    chapter = ChapterFactory(body="Een.\n\nTwee.")
    base = revisions.head(chapter)
    fields = {"title": chapter.title, "slug": chapter.slug, "summary": chapter.summary}
    theirs = revisions.save_revision(
        chapter=chapter, base=base, user=anna, body="Een van Anna.\n\nTwee.", **fields
    ).revision
    saved = revisions.save_revision(
        chapter=chapter, base=base, user=bram, body="Een van Bram.\n\nTwee.", **fields
    )
    assert saved.conflict_with == theirs
    regions = revisions.common_base(saved.revision, theirs)
    assert regions.pk == base.pk


def test_a_restore_is_reviewed_before_readers_see_it(people, anna, bram, client):
    chapter = ChapterFactory(body="Eerste tekst.")
    first = chapter.history.first()
    chapter.body = "Tweede tekst."
    chapter.save()
    a = people[anna]
    a.post(
        f"{CHANGELIST}{chapter.pk}/terugzetten/{first.history_id}/",
        {"change_kind": "minor", "change_note": ""},
    )
    chapter.refresh_from_db()
    assert chapter.body == "Tweede tekst."
    waiting = Revision.objects.get(chapter=chapter, state=S.SUBMITTED)
    assert waiting.body == "Eerste tekst."
    with pytest.raises(WorkflowError):
        review.approve(revision_id=waiting.pk, user=anna)
    review.approve(revision_id=waiting.pk, user=bram)
    assert "Eerste tekst." in client.get(chapter.get_absolute_url()).content.decode()


def test_a_schedule_keeps_its_embargo_through_review(people, anna, bram):
    chapter = ChapterFactory(body="Oude tekst.")
    moment = timezone.localtime() + dt.timedelta(days=2)
    a = people[anna]
    data = {
        **opened(a, chapter),
        "body": "Onder embargo.",
        "change_kind": "major",
        "change_note": "Nieuwe regels.",
        "publish_at": moment.strftime("%Y-%m-%dT%H:%M"),
        "_request_review": "1",
    }
    a.post(change_url(chapter), data)
    revision = Revision.objects.get(chapter=chapter, state=S.SUBMITTED)
    assert revision.publish_at is not None
    assert review.approve(revision_id=revision.pk, user=bram).state == S.SCHEDULED
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."
    assert scheduling.publish_due() == []
    assert scheduling.publish_due(now=timezone.now() + dt.timedelta(days=3))
    chapter.refresh_from_db()
    assert chapter.body == "Onder embargo."
    assert "gecontroleerd door Bram Jansen" in chapter.history.first().history_change_reason


def test_an_edit_after_approval_returns_to_review_and_to_the_list(people, anna, bram):
    chapter = ChapterFactory(body="Oude tekst.")
    moment = timezone.now() + dt.timedelta(days=2)
    draft = save_draft(chapter=chapter, user=anna, body="Goedgekeurd.")
    review.schedule(revision=draft, user=anna, publish_at=moment)
    review.approve(revision_id=draft.pk, user=bram)
    a = people[anna]
    a.post(
        change_url(chapter),
        {**opened(a, chapter), "body": "Later nog veranderd.", "_save_draft": "1"},
    )
    draft.refresh_from_db()
    assert draft.state == S.SUPERSEDED
    newer = Revision.objects.open().get(chapter=chapter)
    assert newer.state == S.SUBMITTED and newer.publish_at == moment
    assert scheduling.publish_due(now=moment + dt.timedelta(minutes=1)) == []
    home = people[bram].get("/admin/").content.decode()
    assert f"/controle/{newer.pk}/" in home
    assert "Gepland, maar niet goedgekeurd" in home


def test_nobody_approves_their_own_change(people, anna, bram):
    chapter = ChapterFactory()
    draft = save_draft(chapter=chapter, user=anna, body="Mijn tekst.")
    review.submit(revision=draft, user=bram)  # Bram offered Anna's text: neither may approve
    for user in (anna, bram):
        with pytest.raises(WorkflowError, match="eigen wijziging"):
            review.approve(revision_id=draft.pk, user=user)
    page = people[anna].get(f"{CHANGELIST}{chapter.pk}/controle/{draft.pk}/").content.decode()
    assert "Dit is uw eigen wijziging" in page


def test_publishing_without_review_needs_the_right_and_a_reason(people, anna, bram, carla):
    chapter = ChapterFactory(body="Oude tekst.")
    a = people[anna]
    refused = a.post(
        change_url(chapter),
        {**opened(a, chapter), "body": "Spoed.", "urgent_reason": "Fout in de wet."},
    )
    assert refused.status_code == 200
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."
    anna.user_permissions.add(Permission.objects.get(codename="publish_without_review"))
    page = a.get(change_url(chapter)).content.decode()
    assert "waarom kan dit niet wachten" in page
    a.post(
        change_url(chapter),
        {**opened(a, chapter), "body": "Spoed.", "urgent_reason": "Fout in de wet."},
    )
    chapter.refresh_from_db()
    assert chapter.body == "Spoed." and chapter.needs_check
    live = Revision.objects.get(pk=chapter.live_revision_id)
    assert live.unreviewed_reason == "Fout in de wet."
    with pytest.raises(WorkflowError, match="collega"):
        checks.mark_checked(chapter=chapter, user=anna)
    checks.mark_checked(chapter=chapter, user=carla)
    chapter.refresh_from_db()
    assert not chapter.needs_check


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("editor", 200), ("reviewer", 403), ("hr", 403)]
)
def test_the_review_page_is_for_editors(client_as, role, status, anna):
    chapter = ChapterFactory()
    draft = save_draft(chapter=chapter, user=anna, body="Nieuw.")
    review.submit(revision=draft, user=anna)
    response = client_as(role).get(f"{CHANGELIST}{chapter.pk}/controle/{draft.pk}/")
    assert response.status_code == status


def test_an_unchanged_text_sent_with_crlf_is_no_new_revision(people, anna):
    chapter = ChapterFactory(body="Regel een.\n\nRegel twee.")
    a = people[anna]
    revisions_before = Revision.objects.count()
    response = a.post(
        change_url(chapter),
        {**opened(a, chapter), "body": "Regel een.  \r\n\r\nRegel twee.\r\n", "_save_draft": "1"},
        follow=True,
    )
    assert "Er was niets veranderd" in response.content.decode()
    assert Revision.objects.count() == revisions_before


def test_text_is_normalised_on_save(anna):
    chapter = ChapterFactory()
    draft = save_draft(chapter=chapter, user=anna, body="Cafe\u0301 \r\nen meer.   \r\n\r\n")
    assert draft.body == "Café\nen meer."


def test_a_revision_text_never_changes():
    chapter = ChapterFactory()
    revision = revisions.head(chapter)
    revision.body = "Stiekem anders."
    with pytest.raises(ValueError, match="never changes"):
        revision.save()
    with pytest.raises(ValueError, match="never changes"):
        revision.save(update_fields=["body"])


def test_every_step_is_in_the_audit_trail(anna, bram):
    chapter = ChapterFactory()
    draft = save_draft(chapter=chapter, user=anna, body="Nieuw.")
    review.submit(revision=draft, user=anna)
    review.approve(revision_id=draft.pk, user=bram, comment="Prima.")
    steps = list(RevisionEvent.objects.filter(revision=draft).values_list("action", "user"))
    assert steps == [
        ("save", anna.pk),
        ("submit", anna.pk),
        ("approve", bram.pk),
        ("publish", bram.pk),
    ]


def test_an_open_revision_behind_the_live_text_is_offered_a_merge(people, anna, bram, carla):
    chapter = ChapterFactory(body="Een.\n\nTwee.")
    old = save_draft(chapter=chapter, user=anna, body="Een van Anna.\n\nTwee.")
    # Meanwhile Bram's change, started before Anna's, goes live.
    live = revisions.save_revision(
        chapter=chapter,
        base=old.parent,
        user=bram,
        title=chapter.title,
        slug=chapter.slug,
        summary=chapter.summary,
        body="Een.\n\nTwee van Bram.",
    ).revision
    review.submit(revision=live, user=bram)
    review.approve(revision_id=live.pk, user=carla)
    chapter.refresh_from_db()
    assert revisions.behind_live(old, chapter)
    page = (
        people[anna]
        .get(f"{CHANGELIST}{chapter.pk}/samenvoegen/{old.pk}/?met={live.pk}")
        .content.decode()
    )
    assert "Twee van Bram." in page and "Een van Anna." in page


def test_retention_keeps_published_and_each_authors_last_revision(anna, bram, settings):
    settings.EDITING_REVISION_RETENTION_DAYS = 30
    chapter = ChapterFactory()
    first = save_draft(chapter=chapter, user=anna, body="Een.")
    second = save_draft(chapter=chapter, user=anna, body="Twee.")
    third = save_draft(chapter=chapter, user=anna, body="Drie.")
    review.withdraw(revision=third, user=anna)
    later = timezone.now() + dt.timedelta(days=31)
    assert prune_revisions(now=later) == 2
    assert not Revision.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert Revision.objects.filter(pk=third.pk).exists()  # Anna's last one
    assert Revision.objects.filter(pk=chapter.live_revision_id).exists()


def test_long_notes_publish_on_every_database(anna, bram):
    chapter = ChapterFactory()
    note, comment = "n" * 1000, "c" * 2000
    draft = save_draft(
        chapter=chapter,
        user=anna,
        body="Nieuw.",
        change_kind="major",
        change_note=note,
        title="t" * 200,
        summary="s" * 400,
    )
    review.submit(revision=draft, user=anna)
    review.approve(revision_id=draft.pk, user=bram, comment=comment)
    chapter.refresh_from_db()
    assert chapter.title == "t" * 200
    assert note in chapter.history.first().history_change_reason
    checks.mark_checked(chapter=chapter, user=bram, note="k" * 500)
    assert chapter.history.first().history_change_reason.endswith("k" * 500)


def test_chapter_live_fields_are_written_only_by_the_editorial_wing():
    """The one write path: nothing outside handreiking/editorial (and migrations, which the
    contract allows) assigns a chapter's published text or state."""
    root = Path(__file__).resolve().parent.parent / "handreiking"
    pattern = (
        "chapter.body =",
        "chapter.is_published =",
        "chapter.live_revision =",
        "fresh.body =",
    )
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "editorial" not in path.parts
        and "migrations" not in path.parts
        and any(text in path.read_text() for text in pattern)
    ]
    assert offenders == []
    assert publishing.publish and publishing.publish_unreviewed


# What a review of this design found, each played by several people at once.


def test_a_version_started_before_the_live_text_never_undoes_it(anna, bram, carla):
    """Bram's version and Anna's both start from the same live text; Anna's goes live first.
    Approving Bram's as it is would quietly undo Anna's: refused, with the way forward."""
    chapter = ChapterFactory(body="Een.\n\nTwee.")
    base = revisions.head(chapter)
    fields = {"title": chapter.title, "slug": chapter.slug, "summary": chapter.summary}
    annas = revisions.save_revision(
        chapter=chapter, base=base, user=anna, body="Een.\n\nTwee (Anna).", **fields
    ).revision
    brams = revisions.save_revision(
        chapter=chapter, base=base, user=bram, body="Een (Bram).\n\nTwee.", **fields
    ).revision
    for revision in (annas, brams):
        review.submit(revision=revision, user=revision.author)
    review.approve(revision_id=annas.pk, user=carla)
    with pytest.raises(publishing.PublishError, match="samen"):
        review.approve(revision_id=brams.pk, user=carla)
    chapter.refresh_from_db()
    assert chapter.body == "Een.\n\nTwee (Anna)."
    assert Revision.objects.get(pk=brams.pk).state == S.SUBMITTED  # nothing half done


def test_who_published_without_review_cannot_be_the_second_pair_of_eyes(anna, bram, carla):
    chapter = ChapterFactory(body="Oud.")
    carla.user_permissions.add(Permission.objects.get(codename="publish_without_review"))
    draft = save_draft(chapter=chapter, user=anna, body="Anna's tekst.")
    publishing.publish_unreviewed(revision=draft, user=carla, reason="Kan niet wachten.")
    for who in (carla, anna):
        with pytest.raises(WorkflowError, match="collega"):
            checks.mark_checked(chapter=Chapter.objects.get(pk=chapter.pk), user=who)
    checks.mark_checked(chapter=Chapter.objects.get(pk=chapter.pk), user=bram)


def test_a_new_address_and_number_are_shown_to_the_reviewer_and_wait_for_approval(
    people, anna, bram
):
    chapter = ChapterFactory(slug="oud-adres", number=150)
    a = people[anna]
    data = {**opened(a, chapter), "slug": "nieuw-adres", "number": 151, "_request_review": "1"}
    a.post(change_url(chapter), data)
    chapter.refresh_from_db()
    assert (chapter.slug, chapter.number) == ("oud-adres", 150)  # readers see no change yet
    waiting = Revision.objects.get(chapter=chapter, state=S.SUBMITTED)
    page = people[bram].get(f"{CHANGELIST}{chapter.pk}/controle/{waiting.pk}/").content.decode()
    assert "Webadres" in page and "nieuw-adres" in page and "Nummer" in page
    review.approve(revision_id=waiting.pk, user=bram)
    chapter.refresh_from_db()
    assert (chapter.slug, chapter.number) == ("nieuw-adres", 151)


def test_a_step_that_cannot_be_taken_says_why_and_keeps_the_text(people, anna, bram):
    chapter = ChapterFactory(body="Oud.")
    a = people[anna]
    a.post(change_url(chapter), {**opened(a, chapter), "body": "Nieuw.", "_request_review": "1"})
    review.approve(
        revision_id=Revision.objects.get(chapter=chapter, state=S.SUBMITTED).pk,
        user=bram,
    )
    # Nothing changed: "Plannen" on the live text says so instead of failing.
    moment = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = a.post(
        change_url(chapter),
        {**opened(a, chapter), "publish_at": moment, "_schedule": "1"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Er is geen nieuwe versie om te plannen" in response.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "controle/999999/",
        "samenvoegen/999999/",
        "voorbeeld/?versie=%C2%B2",
        "versies/999999/",
    ],
)
def test_odd_addresses_answer_in_dutch_without_an_error(people, anna, address):
    chapter = ChapterFactory()
    response = people[anna].get(f"{CHANGELIST}{chapter.pk}/{address}")
    assert response.status_code in {200, 302, 404}


@pytest.mark.parametrize("month", ["9999-12", "1-1", "2026-13", "x"])
def test_any_month_in_the_calendar_address_shows_a_calendar(people, anna, month):
    response = people[anna].get(f"{CHANGELIST}planning/?maand={month}")
    assert response.status_code == 200


def test_a_tampered_opened_version_keeps_a_colleagues_work(people, anna, bram):
    chapter = ChapterFactory(body="Een.")
    brams = save_draft(chapter=chapter, user=bram, body="Een, van Bram.")
    review.submit(revision=brams, user=bram)
    a = people[anna]
    data = {**opened(a, chapter), "body": "Een, van Anna.", "_save_draft": "1"}
    data["opened_revision"] = ""  # an old tab, or a tampered form
    response = a.post(change_url(chapter), data)
    assert "/samenvoegen/" in response["Location"]
    assert Revision.objects.get(pk=brams.pk).state == S.SUBMITTED


def test_a_restore_leaves_a_colleagues_open_work_beside_it(anna, bram):
    chapter = ChapterFactory(body="Eerste.")
    first = chapter.history.first()
    chapter.body = "Tweede."
    chapter.save()
    brams = save_draft(chapter=chapter, user=bram, body="Tweede, van Bram.")
    review.submit(revision=brams, user=bram)
    restoring.restore_version(
        chapter=chapter, history_id=first.history_id, user=anna, change_kind="minor"
    )
    assert Revision.objects.get(pk=brams.pk).state == S.SUBMITTED
    assert revisions.parallel(Revision.objects.get(pk=brams.pk))


def test_retention_keeps_the_chain_open_work_builds_on(anna, settings):
    settings.EDITING_REVISION_RETENTION_DAYS = 30
    chapter = ChapterFactory()
    first = save_draft(chapter=chapter, user=anna, body="Een.")
    second = save_draft(chapter=chapter, user=anna, body="Twee.")
    third = save_draft(chapter=chapter, user=anna, body="Drie.")  # open, built on both
    assert prune_revisions(now=timezone.now() + dt.timedelta(days=31)) == 0
    assert revisions.lineage(third) >= {first.pk, second.pk}
    assert not revisions.behind_live(third, Chapter.objects.get(pk=chapter.pk))
