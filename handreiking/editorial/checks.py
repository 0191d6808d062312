"""Review-by dates: every published chapter is read again now and then, and a publication
without the second pair of eyes is checked afterwards. Marking a chapter as checked is a version
in its history that changes nothing readers see."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handreiking.editorial.publishing import display_name
from handreiking.editorial.states import WorkflowError
from handreiking.models import Chapter, Revision
from handreiking.models.chapters import default_review_by


def mark_checked(
    *, chapter: Chapter, user: AbstractBaseUser, note: str = "", review_by: date | None = None
) -> Chapter:
    """Record that someone read the published chapter and it still holds (or, for a publication
    without review, that the second pair of eyes has looked): a version in the history, the
    next review-by date set, and nothing readers see changed."""
    if not chapter.is_published:
        raise WorkflowError(
            _("Alleen een gepubliceerd hoofdstuk kunt u als gecontroleerd markeren.")
        )
    if chapter.needs_check and user.pk in unreviewed_by(chapter):
        raise WorkflowError(
            _("U publiceerde dit zonder controle; een collega moet het nalezen, niet uzelf.")
        )
    with transaction.atomic():
        # A fresh row: the caller's object may hold an editor's unsaved text.
        fresh = Chapter.objects.select_for_update().get(pk=chapter.pk)
        now = timezone.now()
        fresh.last_checked_at = now
        fresh.needs_check = False
        fresh.review_by = review_by or default_review_by(now)
        reason = _("Gecontroleerd door %(name)s") % {"name": display_name(user)}
        fresh._change_reason = f"{reason}: {note.strip()}" if note.strip() else reason
        fresh._history_user = user
        fresh.save()
    return fresh


def unreviewed_by(chapter: Chapter) -> set[int]:
    """Who may not be the second pair of eyes for the text published without review: whoever
    published it, wrote it or offered it."""
    live = Revision.objects.filter(pk=chapter.live_revision_id).first()
    if live is None:
        return set()
    publishers = live.events.filter(action="publish_unreviewed").values_list("user_id", flat=True)
    return {pk for pk in (*publishers, live.author_id, live.submitted_by_id) if pk is not None}


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
