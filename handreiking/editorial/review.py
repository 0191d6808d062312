"""The second pair of eyes: offering a revision for review, approving or returning it, and
withdrawing it.

Approval binds to one revision: the reviewer's form names the revision they read, and only
that revision, still waiting for review, can be approved. A revision's text never changes, so
approving it publishes (or schedules) exactly the text the reviewer saw. Any later save is a
new revision that goes back to review (`handreiking.editorial.revisions`).
"""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handreiking.editorial import publishing, states
from handreiking.models import Chapter, Revision, RevisionState

ReviewError = states.WorkflowError


def _locked(revision_id: int, *, chapter: Chapter | None = None) -> Revision:
    found = Revision.objects.select_for_update().filter(pk=revision_id)
    if chapter is not None:
        found = found.filter(chapter=chapter)
    revision = found.first()
    if revision is None:
        raise ReviewError(_("Deze versie bestaat niet (meer)."))
    return revision


def submit(
    *, revision: Revision, user: AbstractBaseUser, publish_at: datetime | None = None
) -> Revision:
    """Ask a colleague to look; `publish_at` keeps an embargo through review."""
    if publish_at is not None and publish_at <= timezone.now():
        raise ReviewError(_("Kies een moment in de toekomst om te publiceren."))
    with transaction.atomic():
        revision = _locked(revision.pk)
        return states.move(
            revision,
            "submit",
            user=user,
            submitted_by=user,
            submitted_at=timezone.now(),
            publish_at=publish_at or revision.publish_at,
            reviewed_by=None,
            reviewed_at=None,
            schedule_problem="",
        )


def approve(
    *, revision_id: int, user: AbstractBaseUser, comment: str = "", chapter: Chapter | None = None
) -> Revision:
    """Approve exactly this revision. It goes live now, or is scheduled for its moment."""
    with transaction.atomic():
        revision = _locked(revision_id, chapter=chapter)
        now = timezone.now()
        states.move(
            revision,
            "approve",
            user=user,
            comment=comment,
            reviewed_by=user,
            reviewed_at=now,
            review_comment=comment.strip(),
        )
        if revision.publish_at and revision.publish_at > now:
            return states.move(revision, "schedule", user=user)
        publishing.publish(revision=revision, user=user, now=now)
        revision.refresh_from_db()
        return revision


def return_for_changes(
    *, revision_id: int, user: AbstractBaseUser, comment: str, chapter: Chapter | None = None
) -> Revision:
    """Send the revision back to its author with a comment; nothing goes live meanwhile."""
    if not comment.strip():
        raise ReviewError(_("Schrijf erbij wat er beter moet, zodat de auteur verder kan."))
    with transaction.atomic():
        revision = _locked(revision_id, chapter=chapter)
        return states.move(
            revision,
            "return",
            user=user,
            comment=comment,
            reviewed_by=user,
            reviewed_at=timezone.now(),
            review_comment=comment.strip(),
        )


def withdraw(*, revision: Revision, user: AbstractBaseUser, comment: str = "") -> Revision:
    """Take a revision out of the workflow; its text stays in the history."""
    with transaction.atomic():
        revision = _locked(revision.pk)
        return states.move(revision, "withdraw", user=user, comment=comment)


def schedule(*, revision: Revision, user: AbstractBaseUser, publish_at: datetime) -> Revision:
    """A new go-live moment. An approved revision keeps its approval (the text is the same);
    one not yet approved keeps the moment for when it is."""
    if publish_at <= timezone.now():
        raise ReviewError(_("Kies een moment in de toekomst om te publiceren."))
    with transaction.atomic():
        revision = _locked(revision.pk)
        if revision.state == RevisionState.SCHEDULED:
            revision.publish_at = publish_at
            revision.save(update_fields=["publish_at"])
            revision.events.create(
                action="reschedule",
                state=revision.state,
                user=user,
                comment=timezone.localtime(publish_at).strftime("%d-%m-%Y %H:%M"),
            )
            return revision
        if revision.state == RevisionState.APPROVED:
            return states.move(revision, "schedule", user=user, publish_at=publish_at)
        if revision.state in {RevisionState.DRAFT, RevisionState.RETURNED}:
            return submit(revision=revision, user=user, publish_at=publish_at)
        if revision.state == RevisionState.SUBMITTED:
            revision.publish_at = publish_at
            revision.save(update_fields=["publish_at"])
            return revision
        raise ReviewError(_("Deze versie kan niet meer gepland worden."))


def unschedule(*, revision: Revision, user: AbstractBaseUser) -> Revision:
    """No go-live moment any more: an approved revision stays approved, not live."""
    with transaction.atomic():
        revision = _locked(revision.pk)
        if revision.state == RevisionState.SCHEDULED:
            return states.move(revision, "unschedule", user=user, publish_at=None)
        revision.publish_at = None
        revision.save(update_fields=["publish_at"])
        return revision
