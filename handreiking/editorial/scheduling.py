"""Scheduled publication, applied by a timer: a reader's request never writes.

An approved revision with a go-live moment is "gepland". `manage.py publish_scheduled` (run
every minute from a systemd timer or cron, see docs/deployment.md; `make run` runs it beside
the development server) publishes every revision whose moment has come. Two timers on two
instances may run at once: each claims a revision with a conditional UPDATE (still scheduled)
in the transaction that publishes it, so exactly one publishes.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from handreiking.editorial import publishing, states
from handreiking.editorial.publishing import PublishError
from handreiking.editorial.revisions import lock_chapter
from handreiking.editorial.states import WorkflowError
from handreiking.models import Chapter, Revision, RevisionState

logger = logging.getLogger(__name__)


def publish_due(*, now: datetime | None = None) -> list[Chapter]:
    """Publish every scheduled revision whose moment has come; the chapters this call published."""
    now = now or timezone.now()
    published: list[Chapter] = []
    for revision_id in Revision.objects.due(now=now).values_list("pk", flat=True):
        try:
            chapter = _publish_one(revision_id, now=now)
        except (PublishError, WorkflowError) as error:
            # It cannot go live as it is: back to approved, with the reason for its editor,
            # instead of failing every minute.
            _give_up(revision_id, error)
            continue
        except Exception:
            # A passing fault (a lost connection, a deadlock): the next run tries again, and
            # one revision never stops the others.
            logger.exception("Scheduled publication of revision %s failed; retried", revision_id)
            continue
        if chapter is not None:
            published.append(chapter)
    return published


def _publish_one(revision_id: int, *, now: datetime) -> Chapter | None:
    with transaction.atomic():
        due = Revision.objects.filter(
            pk=revision_id, state=RevisionState.SCHEDULED, publish_at__lte=now
        )
        chapter_id = due.values_list("chapter_id", flat=True).first()
        if chapter_id is None:
            return None  # another timer published it, or it changed since it was listed
        # The chapter first (the one lock order); a second timer waits here, then finds the
        # revision published and leaves it.
        lock_chapter(chapter_id)
        revision = due.select_for_update().first()
        if revision is None:
            return None
        chapter = publishing.publish(revision=revision, user=revision.reviewed_by, now=now)
    logger.info(
        "Scheduled publication of chapter %s (revision %s) applied", chapter.pk, revision_id
    )
    return chapter


def _give_up(revision_id: int, error: Exception) -> None:
    logger.warning("Scheduled publication of revision %s refused: %s", revision_id, error)
    problem = _("Niet gepubliceerd op %(when)s. %(why)s") % {
        "when": date_format(timezone.localtime(), "j F Y H:i"),
        "why": str(error),
    }
    # A step like any other, in the revision's audit trail.
    with transaction.atomic():
        chapter_id = (
            Revision.objects.filter(pk=revision_id).values_list("chapter_id", flat=True).first()
        )
        if chapter_id is None:
            return
        lock_chapter(chapter_id)
        revision = Revision.objects.select_for_update().get(pk=revision_id)
        if revision.state == RevisionState.SCHEDULED:
            states.move(
                revision,
                "unschedule",
                user=None,
                comment=str(error),
                publish_at=None,
                schedule_problem=problem,
            )
