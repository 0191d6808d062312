"""The second pair of eyes, and review-by dates.

A major change is sent for review; another editor approves it (it then publishes, or stays
scheduled for its moment) or returns it with a comment the author sees. Nobody approves their
own change. Separately, every chapter has a "controleren vóór" date; marking it as checked is a
version in its history that changes nothing readers see."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handreiking import services
from handreiking.models import Chapter, ChapterDraft, ReviewState
from handreiking.models.chapters import default_review_by
from handreiking.models.editing import text_revision

REVIEW_FIELDS = ["review_state", "reviewed_by", "reviewed_at", "review_comment", "updated_at"]


class ReviewError(ValueError):
    """A review step that is not allowed: the message is for the editor."""


def request_review(*, draft: ChapterDraft, user: AbstractBaseUser) -> ChapterDraft:
    with transaction.atomic():
        draft = _locked(draft)
        draft.review_state = ReviewState.REQUESTED
        draft.review_requested_by = user
        draft.review_requested_at = timezone.now()
        draft.reviewed_by, draft.reviewed_at = None, None
        draft.save(update_fields=[*REVIEW_FIELDS, "review_requested_by", "review_requested_at"])
        services.refresh_next_publication()
    return draft


def approve(
    *, draft: ChapterDraft, user: AbstractBaseUser, comment: str = "", revision: str = ""
) -> Chapter | None:
    """Approve the change: it publishes now, or at its scheduled moment. Returns the chapter
    when it was published now. `revision`: the text the reviewer read (text_revision); a
    different text is refused."""
    with transaction.atomic():
        draft = _locked(draft)
        _check_reviewer(draft, user, revision=revision)
        draft.review_state = ReviewState.APPROVED
        draft.reviewed_by, draft.reviewed_at = user, timezone.now()
        draft.review_comment = comment.strip()
        draft.save(update_fields=REVIEW_FIELDS)
        if draft.publish_at and draft.publish_at > timezone.now():
            services.refresh_next_publication()
            return None
        return services.publish_draft(
            draft=draft, user=draft.review_requested_by or user, checked_by=user
        )


def return_for_changes(
    *, draft: ChapterDraft, user: AbstractBaseUser, comment: str, revision: str = ""
) -> None:
    """Send the change back to its author with a comment; it does not go live meanwhile."""
    if not comment.strip():
        raise ReviewError(_("Schrijf erbij wat er beter moet, zodat de auteur verder kan."))
    with transaction.atomic():
        draft = _locked(draft)
        _check_reviewer(draft, user, revision=revision)
        draft.review_state = ReviewState.RETURNED
        draft.reviewed_by, draft.reviewed_at = user, timezone.now()
        draft.review_comment = comment.strip()
        draft.save(update_fields=REVIEW_FIELDS)
        services.refresh_next_publication()


def mark_checked(
    *, chapter: Chapter, user: AbstractBaseUser, note: str = "", review_by: date | None = None
) -> Chapter:
    """Record that someone read the published chapter and it still holds (or, for an urgent
    publication, that the second pair of eyes has looked): a version in the history, the next
    review-by date set, and nothing readers see changed."""
    if not chapter.is_published:
        raise ReviewError(_("Alleen een gepubliceerd hoofdstuk kunt u als gecontroleerd markeren."))
    if chapter.needs_check and urgent_publisher_id(chapter) == user.pk:
        raise ReviewError(
            _("U publiceerde dit met spoed; een collega moet het nalezen, niet uzelf.")
        )
    with transaction.atomic():
        # A fresh row: the caller's object may hold an editor's unsaved text.
        fresh = Chapter.objects.select_for_update().get(pk=chapter.pk)
        now = timezone.now()
        fresh.last_checked_at = now
        fresh.needs_check = False
        fresh.review_by = review_by or default_review_by(now)
        reason = _("Gecontroleerd door %(name)s") % {"name": services.display_name(user)}
        fresh._change_reason = f"{reason}: {note.strip()}" if note.strip() else reason
        fresh._history_user = user
        fresh.save()
    return fresh


def urgent_publisher_id(chapter: Chapter) -> int | None:
    """Who published the version still waiting for its second pair of eyes."""
    urgent = chapter.history.filter(history_change_reason__endswith=services.URGENT_MARK)
    return (
        urgent.order_by("-history_date", "-history_id")
        .values_list("history_user_id", flat=True)
        .first()
    )


def set_review_by(*, chapter: Chapter, review_by: date, user: AbstractBaseUser) -> None:
    """A new review-by date, recorded in the history; the text readers see stays as it is."""
    with transaction.atomic():
        fresh = Chapter.objects.select_for_update().get(pk=chapter.pk)
        if fresh.review_by == review_by:
            return
        fresh.review_by = review_by
        fresh._change_reason = _("Controleren vóór %(date)s") % {
            "date": review_by.strftime("%d-%m-%Y")
        }
        fresh._history_user = user
        fresh.save()


def _locked(draft: ChapterDraft) -> ChapterDraft:
    """The draft as it is now, locked until the review step is written."""
    found = ChapterDraft.objects.select_for_update().filter(pk=draft.pk).first()
    if found is None:
        raise ReviewError(_("Deze wijziging is intussen gepubliceerd of verwijderd."))
    return found


def _check_reviewer(draft: ChapterDraft, user: AbstractBaseUser, *, revision: str) -> None:
    if draft.review_state != ReviewState.REQUESTED:
        raise ReviewError(_("Deze wijziging is niet (meer) ter controle aangeboden."))
    if user.pk in {draft.review_requested_by_id, draft.updated_by_id}:
        raise ReviewError(
            _("U kunt uw eigen wijziging niet goedkeuren of terugsturen. Vraag een collega.")
        )
    if revision and revision != text_revision(draft):
        raise ReviewError(
            _("De tekst is veranderd terwijl u keek. Bekijk de nieuwe versie en beslis opnieuw.")
        )
