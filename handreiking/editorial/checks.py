"""Review-by dates: every published chapter is read again now and then, and a publication
without the second pair of eyes is checked afterwards. Marking a chapter as checked is a version
in its history that changes nothing readers see."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handreiking.editorial.publishing import URGENT_MARK, display_name
from handreiking.editorial.states import WorkflowError
from handreiking.models import Chapter
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
    if chapter.needs_check and urgent_publisher_id(chapter) == user.pk:
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


def urgent_publisher_id(chapter: Chapter) -> int | None:
    """Who published the version still waiting for its second pair of eyes."""
    urgent = chapter.history.filter(history_change_reason__endswith=URGENT_MARK)
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
