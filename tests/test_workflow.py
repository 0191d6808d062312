"""The second pair of eyes, urgent publishing, review-by dates, conflicts on save and the
draft-against-live comparison, as editors use them in the admin."""

import datetime as dt

import pytest
from django.utils import timezone

from handreiking import review, services
from handreiking.models import Chapter, ChapterDraft, ReviewState
from tests.factories import ChapterFactory, UserFactory
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/handreiking/chapter/"


@pytest.fixture
def author(client):
    return UserFactory(groups=["Redacteuren"], first_name="Anna", last_name="de Vries")


@pytest.fixture
def colleague():
    return UserFactory(groups=["Redacteuren"], first_name="Bram", last_name="Jansen")


def as_user(client, user):
    client.force_login(user)
    return client


def test_a_major_change_cannot_be_published_without_review(client, author):
    chapter = ChapterFactory(body="Oude tekst.")
    data = form_data(chapter, body="Nieuw.", change_kind="major", change_note="Herschreven.")
    response = as_user(client, author).post(f"{CHANGELIST}{chapter.pk}/change/", data)
    assert response.status_code == 200
    assert "leest eerst een collega na" in response.content.decode()
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."


def test_review_returned_with_a_comment_then_approved_publishes(client, author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    url = f"{CHANGELIST}{chapter.pk}/change/"
    data = form_data(chapter, body="Nieuwe tekst.", change_kind="major", change_note="Nieuw.")
    as_user(client, author).post(url, {**data, "_request_review": "1"})
    draft = ChapterDraft.objects.get(chapter=chapter)
    assert draft.review_state == ReviewState.REQUESTED
    assert draft.review_requested_by == author

    # The author cannot approve their own change.
    own = client.get(f"{CHANGELIST}{chapter.pk}/controle/").content.decode()
    assert "Dit is uw eigen wijziging" in own
    client.post(f"{CHANGELIST}{chapter.pk}/controle/", {"approve": "1"})
    assert ChapterDraft.objects.get(chapter=chapter).review_state == ReviewState.REQUESTED

    # The colleague sees it on the start page, and returns it with a comment.
    home = as_user(client, colleague).get("/admin/").content.decode()
    assert "Ter controle (1)" in home and str(chapter) in home
    page = client.get(f"{CHANGELIST}{chapter.pk}/controle/").content.decode()
    assert "<ins>" in page and "Nieuwe" in page
    empty = client.post(f"{CHANGELIST}{chapter.pk}/controle/", {"return": "1", "comment": ""})
    assert empty.status_code == 302
    assert ChapterDraft.objects.get(chapter=chapter).review_state == ReviewState.REQUESTED
    client.post(
        f"{CHANGELIST}{chapter.pk}/controle/", {"return": "1", "comment": "Voeg een voorbeeld toe."}
    )
    assert ChapterDraft.objects.get(chapter=chapter).review_state == ReviewState.RETURNED

    # The author sees the comment, edits and offers it again.
    page = as_user(client, author).get(url).content.decode()
    assert "Teruggestuurd" in page and "Voeg een voorbeeld toe." in page
    data["body"] = "Nieuwe tekst, met een voorbeeld."
    as_user(client, author).post(url, {**data, "_request_review": "1"})

    # The colleague approves: published, with the check in the history.
    as_user(client, colleague).post(f"{CHANGELIST}{chapter.pk}/controle/", {"approve": "1"})
    chapter.refresh_from_db()
    assert chapter.body == "Nieuwe tekst, met een voorbeeld."
    assert not chapter.needs_check
    assert "gecontroleerd door Bram Jansen" in chapter.history.first().history_change_reason
    assert chapter.history.first().history_user == author
    assert "met een voorbeeld" in client.get(chapter.get_absolute_url()).content.decode()


def test_approving_a_scheduled_change_keeps_its_moment(author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    draft = services.save_draft(
        chapter=chapter,
        user=author,
        title=chapter.title,
        slug=chapter.slug,
        summary="",
        body="Nieuw.",
        change_kind="major",
        change_note="Nieuw.",
    )
    draft.publish_at = timezone.now() + dt.timedelta(days=1)
    draft.save()
    review.request_review(draft=draft, user=author)
    assert review.approve(draft=draft, user=colleague) is None
    chapter.refresh_from_db()
    assert chapter.body == "Oude tekst."
    assert ChapterDraft.objects.ready().filter(pk=draft.pk).exists()


def test_a_changed_text_loses_its_approval(author, colleague):
    chapter = ChapterFactory()
    fields = {"title": chapter.title, "slug": chapter.slug, "summary": ""}
    draft = services.save_draft(chapter=chapter, user=author, body="Een.", **fields)
    draft.review_state = ReviewState.APPROVED
    draft.save()
    services.save_draft(chapter=chapter, user=author, body="Een.", **fields)
    assert ChapterDraft.objects.get(pk=draft.pk).review_state == ReviewState.APPROVED
    services.save_draft(chapter=chapter, user=author, body="Twee.", **fields)
    assert ChapterDraft.objects.get(pk=draft.pk).review_state == ReviewState.NONE


def test_urgent_publishing_is_marked_until_someone_checks_it(client, author, colleague):
    chapter = ChapterFactory(body="Oude tekst.")
    url = f"{CHANGELIST}{chapter.pk}/change/"
    data = form_data(chapter, body="Spoed.", change_kind="major", change_note="Spoed.", urgent="on")
    as_user(client, author).post(url, data)
    chapter.refresh_from_db()
    assert chapter.body == "Spoed."
    assert chapter.needs_check
    assert "nog te controleren" in chapter.history.first().history_change_reason
    home = as_user(client, colleague).get("/admin/").content.decode()
    assert "nog te controleren (1)" in home
    client.post(f"{CHANGELIST}{chapter.pk}/gecontroleerd/", {"checked-note": "Klopt."})
    chapter.refresh_from_db()
    assert not chapter.needs_check
    assert chapter.history.first().history_change_reason == "Gecontroleerd door Bram Jansen: Klopt."


def test_review_is_not_required_when_the_setting_is_off(client, author, settings):
    settings.EDITING_REVIEW_REQUIRED = False
    chapter = ChapterFactory()
    data = form_data(chapter, body="Nieuw.", change_kind="major", change_note="Nieuw.")
    as_user(client, author).post(f"{CHANGELIST}{chapter.pk}/change/", data)
    chapter.refresh_from_db()
    assert chapter.body == "Nieuw." and not chapter.needs_check


def test_a_major_change_sets_the_review_by_date_a_year_ahead():
    chapter = ChapterFactory()
    assert chapter.review_by == (timezone.localdate() + dt.timedelta(days=365))


def test_overdue_and_soon_due_chapters_are_on_the_admin_start_page(editor_client):
    today = timezone.localdate()
    late = ChapterFactory(title="Te laat hoofdstuk")
    soon = ChapterFactory(title="Binnenkort hoofdstuk")
    later = ChapterFactory(title="Later hoofdstuk")
    for chapter, days in ((late, -3), (soon, 10), (later, 200)):
        type(chapter).objects.filter(pk=chapter.pk).update(
            review_by=today + dt.timedelta(days=days)
        )
    page = editor_client.get("/admin/").content.decode()
    overdue = page.split("te laat (")[1].split("</ul>")[0]
    due_soon = page.split("binnen 30 dagen (")[1].split("</ul>")[0]
    assert "Te laat hoofdstuk" in overdue and "Binnenkort" not in overdue
    assert "Binnenkort hoofdstuk" in due_soon and "Later hoofdstuk" not in due_soon


def test_marking_as_checked_is_history_without_changing_what_readers_see(editor_client, client):
    chapter = ChapterFactory(body="Vaste tekst.")
    type(chapter).objects.filter(pk=chapter.pk).update(review_by=timezone.localdate())
    page_before = client.get(chapter.get_absolute_url()).content
    versions = chapter.history.count()
    response = editor_client.post(
        f"{CHANGELIST}{chapter.pk}/gecontroleerd/",
        {"checked-note": "", "checked-review_by": "2028-01-31"},
    )
    assert response.status_code == 302
    chapter.refresh_from_db()
    assert chapter.review_by == dt.date(2028, 1, 31)
    assert chapter.last_checked_at is not None
    assert chapter.history.count() == versions + 1
    assert chapter.history.first().history_change_reason.startswith("Gecontroleerd door")
    assert client.get(chapter.get_absolute_url()).content == page_before


def test_a_bad_review_by_date_changes_nothing(editor_client):
    chapter = ChapterFactory()
    before = chapter.review_by
    editor_client.post(f"{CHANGELIST}{chapter.pk}/gecontroleerd/", {"checked-review_by": "morgen"})
    chapter.refresh_from_db()
    assert chapter.review_by == before and chapter.last_checked_at is None


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("editor", 302), ("reviewer", 403)]
)
def test_only_editors_mark_chapters_as_checked(client_as, role, status):
    chapter = ChapterFactory()
    response = client_as(role).post(f"{CHANGELIST}{chapter.pk}/gecontroleerd/", {})
    assert response.status_code == status
    chapter.refresh_from_db()
    assert (chapter.last_checked_at is not None) == (role == "editor")


def test_saving_over_a_newer_version_shows_the_conflict_and_keeps_my_text(
    client, author, colleague
):
    chapter = ChapterFactory(body="Begin.")
    url = f"{CHANGELIST}{chapter.pk}/change/"
    opened = as_user(client, author).get(url)
    revision = opened.context["adminform"].form.initial["opened_revision"]
    # The colleague saves a draft while the author is still typing.
    as_user(client, colleague).post(
        url, {**form_data(chapter, body="Hun tekst."), "_save_draft": "1"}
    )
    mine = {**form_data(chapter, body="Mijn tekst."), "opened_revision": revision}
    response = as_user(client, author).post(url, {**mine, "_save_draft": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit hoofdstuk intussen opgeslagen" in page
    assert "<del>Hun</del>" in page and "<ins>Mijn</ins>" in page
    assert "Mijn tekst.</textarea>" in page
    assert ChapterDraft.objects.get(chapter=chapter).body == "Hun tekst."
    # Having seen the differences, a second save goes through.
    newer = response.context["adminform"].form.data["opened_revision"]
    assert newer != revision
    client.post(url, {**mine, "opened_revision": newer, "_save_draft": "1"})
    assert ChapterDraft.objects.get(chapter=chapter).body == "Mijn tekst."


def test_saving_the_same_text_as_the_newer_version_is_no_conflict(client, author, colleague):
    chapter = ChapterFactory(body="Begin.")
    url = f"{CHANGELIST}{chapter.pk}/change/"
    revision = as_user(client, author).get(url).context["adminform"].form.initial["opened_revision"]
    same = form_data(chapter, body="Zelfde.")
    as_user(client, colleague).post(url, {**same, "_save_draft": "1"})
    response = as_user(client, author).post(
        url, {**same, "opened_revision": revision, "_save_draft": "1"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("editor", 200), ("reviewer", 403)]
)
def test_the_draft_is_one_click_from_a_comparison_with_the_live_text(client_as, role, status):
    chapter = ChapterFactory(body="Wat lezers zien.")
    services.save_draft(
        chapter=chapter,
        user=None,
        title=chapter.title,
        slug=chapter.slug,
        summary=chapter.summary,
        body="Wat het concept zegt.",
    )
    response = client_as(role).get(f"{CHANGELIST}{chapter.pk}/concept-vergelijken/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "<del>lezers zien.</del>" in page or "<del>" in page
        assert "concept" in page
        edit = client_as(role).get(f"{CHANGELIST}{chapter.pk}/change/").content.decode()
        assert "concept-vergelijken/" in edit


def test_without_a_draft_the_comparison_sends_back_to_the_chapter(editor_client):
    chapter = ChapterFactory()
    response = editor_client.get(f"{CHANGELIST}{chapter.pk}/concept-vergelijken/")
    assert response.status_code == 302


def test_every_version_is_one_click_from_the_one_before(editor_client):
    chapter = ChapterFactory(body="Eerste.")
    services.publish_chapter(chapter=chapter, user=None, body="Tweede.")
    services.publish_chapter(chapter=chapter, user=None, body="Derde.")
    middle = chapter.history.order_by("-history_date", "-history_id")[1]
    page = editor_client.get(f"{CHANGELIST}{chapter.pk}/history/").content.decode()
    link = f"{CHANGELIST}{chapter.pk}/vergelijken/?b={middle.history_id}"
    assert page.count("Vergelijk met de versie ervoor") == 2  # not for the very first
    compared = editor_client.get(link).content.decode()
    assert "<del>Eerste.</del>" in compared and "<ins>Tweede.</ins>" in compared


def test_the_chapter_list_says_where_each_change_stands(editor_client, author):
    chapter = ChapterFactory(title="Lijsthoofdstuk")
    draft = services.save_draft(
        chapter=chapter, user=author, title=chapter.title, slug=chapter.slug, summary="", body="N."
    )
    assert "Gepubliceerd, met concept" in editor_client.get(CHANGELIST).content.decode()
    review.request_review(draft=draft, user=author)
    assert "Gepubliceerd, concept ter controle" in editor_client.get(CHANGELIST).content.decode()


def test_a_new_review_by_date_saved_with_a_draft_is_in_the_history(client, author):
    chapter = ChapterFactory()
    data = {**form_data(chapter, body="Concept."), "review_by": "2027-06-30", "_save_draft": "1"}
    as_user(client, author).post(f"{CHANGELIST}{chapter.pk}/change/", data)
    chapter.refresh_from_db()
    assert chapter.review_by == dt.date(2027, 6, 30)
    assert chapter.history.first().history_change_reason == "Controleren vóór 30-06-2027"
    assert chapter.body != "Concept."  # readers' text untouched


def test_review_steps_that_are_not_allowed_say_why(author, colleague):
    chapter = ChapterFactory()
    draft = services.save_draft(
        chapter=chapter, user=author, title=chapter.title, slug=chapter.slug, summary="", body="N."
    )
    with pytest.raises(review.ReviewError, match="niet \\(meer\\) ter controle"):
        review.approve(draft=draft, user=colleague)
    review.request_review(draft=draft, user=author)
    with pytest.raises(review.ReviewError, match="eigen wijziging"):
        review.return_for_changes(draft=draft, user=author, comment="Nee.")
    unpublished = ChapterFactory(is_published=False)
    with pytest.raises(review.ReviewError, match="gepubliceerd"):
        review.mark_checked(chapter=unpublished, user=colleague)


def test_the_review_page_without_a_pending_change_sends_back(editor_client):
    chapter = ChapterFactory()
    response = editor_client.get(f"{CHANGELIST}{chapter.pk}/controle/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"{chapter.pk}/change/")


def test_urgent_and_scheduled_show_in_the_chapter_list(editor_client, author):
    chapter = ChapterFactory(title="Spoedhoofdstuk")
    type(chapter).objects.filter(pk=chapter.pk).update(needs_check=True)
    draft = services.save_draft(
        chapter=chapter, user=author, title=chapter.title, slug=chapter.slug, summary="", body="N."
    )
    draft.publish_at = timezone.now() + dt.timedelta(days=1)
    draft.save()
    page = editor_client.get(CHANGELIST).content.decode()
    assert "nog te controleren" in page and "gepland op" in page


def draft_for_review(chapter, author, body="Nieuw.", kind="major"):
    draft = services.save_draft(
        chapter=chapter,
        user=author,
        title=chapter.title,
        slug=chapter.slug,
        summary=chapter.summary,
        body=body,
        change_kind=kind,
        change_note="Nieuw.",
    )
    return review.request_review(draft=draft, user=author)


def test_a_colleague_who_changes_the_text_cannot_approve_it(author, colleague):
    chapter = ChapterFactory(body="Oud.")
    draft = draft_for_review(chapter, author)
    services.save_draft(
        chapter=chapter,
        user=colleague,
        title=chapter.title,
        slug=chapter.slug,
        summary=chapter.summary,
        body="Tekst van de collega.",
    )
    with pytest.raises(review.ReviewError, match="niet \\(meer\\) ter controle"):
        review.approve(draft=draft, user=colleague)
    # Offered again by the colleague: the colleague still cannot approve it, the author can.
    draft = review.request_review(draft=ChapterDraft.objects.get(pk=draft.pk), user=colleague)
    with pytest.raises(review.ReviewError, match="eigen wijziging"):
        review.approve(draft=draft, user=colleague)
    review.approve(draft=draft, user=author)
    chapter.refresh_from_db()
    assert chapter.body == "Tekst van de collega."


def test_approving_a_text_that_changed_while_reading_is_refused(author, colleague):
    chapter = ChapterFactory(body="Oud.")
    draft = draft_for_review(chapter, author, body="Eerste versie.")
    read = review.text_revision(draft)
    draft_for_review(chapter, author, body="Tweede versie.")
    with pytest.raises(review.ReviewError, match="veranderd terwijl u keek"):
        review.approve(draft=draft, user=colleague, revision=read)
    chapter.refresh_from_db()
    assert chapter.body == "Oud."


def test_urgent_publishing_of_a_changed_approved_text_is_still_unchecked(client, author, colleague):
    chapter = ChapterFactory(body="Oud.")
    draft = draft_for_review(chapter, author, body="Goedgekeurd.")
    draft.publish_at = timezone.now() + dt.timedelta(days=1)
    draft.save()
    review.approve(draft=draft, user=colleague)
    url = f"{CHANGELIST}{chapter.pk}/change/"
    data = form_data(chapter, body="Later veranderd.", change_kind="major", change_note="Nieuw.")
    as_user(client, author).post(url, {**data, "urgent": "on"})
    chapter.refresh_from_db()
    assert chapter.body == "Later veranderd." and chapter.needs_check
    assert "gecontroleerd door" not in chapter.history.first().history_change_reason


def test_publishing_exactly_the_approved_text_needs_no_urgent_box(client, author, colleague):
    chapter = ChapterFactory(body="Oud.")
    draft = draft_for_review(chapter, author, body="Goedgekeurd.")
    draft.publish_at = timezone.now() + dt.timedelta(days=1)
    draft.save()
    review.approve(draft=draft, user=colleague)
    data = form_data(chapter, body="Goedgekeurd.", change_kind="major", change_note="Nieuw.")
    as_user(client, author).post(f"{CHANGELIST}{chapter.pk}/change/", data)
    chapter.refresh_from_db()
    assert chapter.body == "Goedgekeurd." and not chapter.needs_check
    assert "gecontroleerd door Bram Jansen" in chapter.history.first().history_change_reason


def test_a_major_restore_goes_live_marked_unchecked_and_keeps_the_draft(client, author):
    chapter = ChapterFactory(body="Eerste.")
    services.publish_chapter(chapter=chapter, user=None, body="Tweede.")
    first = chapter.history.order_by("history_date", "history_id").first()
    services.save_draft(
        chapter=chapter, user=author, title=chapter.title, slug=chapter.slug, summary="", body="W."
    )
    url = f"{CHANGELIST}{chapter.pk}/terugzetten/{first.history_id}/"
    page = as_user(client, author).get(url).content.decode()
    assert "Er is ook een concept" in page
    client.post(url, {"change_kind": "major", "change_note": "Terug naar de eerste tekst."})
    chapter.refresh_from_db()
    assert chapter.body == "Eerste." and chapter.needs_check
    assert ChapterDraft.objects.get(chapter=chapter).body == "W."


def test_the_urgent_publisher_cannot_mark_their_own_publication_checked(client, author, colleague):
    chapter = ChapterFactory(body="Oud.")
    data = form_data(chapter, body="Spoed.", change_kind="major", change_note="Spoed.", urgent="on")
    as_user(client, author).post(f"{CHANGELIST}{chapter.pk}/change/", data)
    with pytest.raises(review.ReviewError, match="met spoed"):
        review.mark_checked(chapter=Chapter.objects.get(pk=chapter.pk), user=author)
    review.mark_checked(chapter=Chapter.objects.get(pk=chapter.pk), user=colleague)
    assert not Chapter.objects.get(pk=chapter.pk).needs_check
