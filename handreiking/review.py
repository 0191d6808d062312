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


class ReviewError(ValueError):
    """A review step that is not allowed: the message is for the editor."""


def request_review(*, draft: ChapterDraft, user: AbstractBaseUser) -> ChapterDraft:
    with transaction.atomic():
        draft.review_state = ReviewState.REQUESTED
        draft.review_requested_by = user
        draft.review_requested_at = timezone.now()
        draft.reviewed_by, draft.reviewed_at = None, None
        draft.save()
        services.refresh_next_publication()
    return draft


def approve(*, draft: ChapterDraft, user: AbstractBaseUser, comment: str = "") -> Chapter | None:
    """Approve the change: it publishes now, or at its scheduled moment. Returns the chapter
    when it was published now."""
    _check_reviewer(draft, user)
    with transaction.atomic():
        draft.review_state = ReviewState.APPROVED
        draft.reviewed_by, draft.reviewed_at = user, timezone.now()
        draft.review_comment = comment.strip()
        draft.save()
        if draft.publish_at and draft.publish_at > timezone.now():
            services.refresh_next_publication()
            return None
        return services.publish_draft(
            draft=draft, user=draft.review_requested_by or user, checked_by=user
        )


def return_for_changes(*, draft: ChapterDraft, user: AbstractBaseUser, comment: str) -> None:
    """Send the change back to its author with a comment; it does not go live meanwhile."""
    _check_reviewer(draft, user)
    if not comment.strip():
        raise ReviewError(_("Schrijf erbij wat er beter moet, zodat de auteur verder kan."))
    with transaction.atomic():
        draft.review_state = ReviewState.RETURNED
        draft.reviewed_by, draft.reviewed_at = user, timezone.now()
        draft.review_comment = comment.strip()
        draft.save()
        services.refresh_next_publication()


def mark_checked(
    *, chapter: Chapter, user: AbstractBaseUser, note: str = "", review_by: date | None = None
) -> Chapter:
    """Record that someone read the published chapter and it still holds (or, for an urgent
    publication, that the second pair of eyes has looked): a version in the history, the next
    review-by date set, and nothing readers see changed."""
    if not chapter.is_published:
        raise ReviewError(_("Alleen een gepubliceerd hoofdstuk kunt u als gecontroleerd markeren."))
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


def _check_reviewer(draft: ChapterDraft, user: AbstractBaseUser) -> None:
    if draft.review_state != ReviewState.REQUESTED:
        raise ReviewError(_("Deze wijziging is niet (meer) ter controle aangeboden."))
    if draft.review_requested_by_id == user.pk:
        raise ReviewError(
            _("U kunt uw eigen wijziging niet goedkeuren of terugsturen. Vraag een collega.")
        )
