"""Scheduled publishing without a cron job.

A draft with a `publish_at` goes live at that moment, for the next request on any instance: the
earliest moment is kept next to the content version (`ContentVersion.next_publication_at`), which
the page cache reads on every request anyway, so checking costs nothing extra. A request after
that moment publishes what is due first (`publish_due`), then serves the page. `manage.py
publish_scheduled` does the same for sites that want it on the minute without traffic.

Two instances may see the same due draft at once: each claims it with a conditional UPDATE
(`publish_at` still set) in the transaction that publishes it, so exactly one publishes."""

import logging
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from handreiking import services
from handreiking.models import Chapter, ChapterDraft, ChapterSlug, ReviewState

logger = logging.getLogger(__name__)


class ScheduleError(ValueError):
    """A schedule an editor asked for that cannot be: the message is for the editor."""


def schedule_draft(
    *, draft: ChapterDraft, publish_at: datetime, user: AbstractBaseUser | None
) -> ChapterDraft:
    """Plan the draft's publication; a new moment replaces the old one."""
    if publish_at <= timezone.now():
        raise ScheduleError(_("Kies een moment in de toekomst om te publiceren."))
    with transaction.atomic():
        draft.publish_at = publish_at
        draft.scheduled_by = user if user and user.is_authenticated else None
        draft.schedule_problem = ""
        draft.save(update_fields=["publish_at", "scheduled_by", "schedule_problem", "updated_at"])
        services.refresh_next_publication()
    return draft


def cancel_schedule(*, draft: ChapterDraft) -> ChapterDraft:
    """The draft stays a draft; nothing goes live on its own."""
    with transaction.atomic():
        draft.publish_at = None
        draft.scheduled_by = None
        draft.save(update_fields=["publish_at", "scheduled_by", "updated_at"])
        services.refresh_next_publication()
    return draft


def publish_due(*, now: datetime | None = None) -> list[Chapter]:
    """Publish every draft whose moment has come; returns the chapters published by this call."""
    now = now or timezone.now()
    published: list[Chapter] = []
    for draft_id in ChapterDraft.objects.due(now=now).values_list("pk", flat=True):
        try:
            chapter = _publish_one(draft_id, now=now)
        except Exception as error:
            # This runs inside a reader's request: whatever goes wrong with one draft must not
            # fail that request, nor every request after it (the claim was rolled back).
            _give_up(draft_id, error)
            continue
        if chapter is not None:
            published.append(chapter)
    services.refresh_next_publication()
    return published


def _publish_one(draft_id: int, *, now: datetime) -> Chapter | None:
    with transaction.atomic():
        # The claim: only the request whose UPDATE still finds the moment set goes on.
        # Still due and still ready (not changed back into review since it was listed).
        claimed = ChapterDraft.objects.due(now=now).filter(pk=draft_id).update(publish_at=None)
        if not claimed:
            return None
        draft = ChapterDraft.objects.select_related("chapter", "scheduled_by").get(pk=draft_id)
        chapter = draft.chapter
        taken = Chapter.objects.exclude(pk=chapter.pk).filter(slug=draft.slug).exists()
        if taken or ChapterSlug.objects.exclude(chapter=chapter).filter(slug=draft.slug).exists():
            raise ScheduleError(_("Het adres (slug) is intussen van een ander hoofdstuk."))
        approved = draft.review_state == ReviewState.APPROVED
        services.publish_draft(
            draft=draft,
            user=draft.scheduled_by,
            checked_by=draft.reviewed_by if approved else None,
        )
    logger.info("Scheduled publication of chapter %s applied", chapter.pk)
    return chapter


def _give_up(draft_id: int, error: Exception) -> None:
    """A scheduled publication that cannot go through stays a draft, with the reason for the
    editor, instead of being tried (and failing) on every request."""
    if isinstance(error, ScheduleError):
        logger.warning("Scheduled publication of draft %s refused: %s", draft_id, error)
    else:
        logger.exception("Scheduled publication of draft %s failed", draft_id)
    message = str(error) if isinstance(error, ScheduleError) else ""
    problem = _("Niet gepubliceerd op %(when)s. %(why)s") % {
        "when": date_format(timezone.localtime(), "j F Y H:i"),
        "why": message or _("Controleer het concept en plan opnieuw."),
    }
    ChapterDraft.objects.filter(pk=draft_id).update(publish_at=None, schedule_problem=problem)
