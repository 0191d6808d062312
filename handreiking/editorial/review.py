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
from handreiking.editorial.revisions import lock_chapter
from handreiking.models import Chapter, Revision, RevisionState

ReviewError = states.WorkflowError


def _locked(revision_id: int, *, chapter: Chapter | None = None) -> Revision:
    """The revision as it is now, locked after its chapter (the one lock order)."""
    found = Revision.objects.filter(pk=revision_id)
    if chapter is not None:
        found = found.filter(chapter=chapter)
    chapter_id = found.values_list("chapter_id", flat=True).first()
    if chapter_id is None:
        raise ReviewError(_("Deze versie bestaat niet (meer)."))
    lock_chapter(chapter_id)
    return Revision.objects.select_for_update().get(pk=revision_id)


def moment_token(revision: Revision) -> str:
    """The go-live moment as the review page shows it: an approval is for that moment."""
    return revision.publish_at.isoformat() if revision.publish_at else ""


def submit(
    *, revision: Revision, user: AbstractBaseUser | None, publish_at: datetime | None = None
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
    *,
    revision_id: int,
    user: AbstractBaseUser,
    comment: str = "",
    chapter: Chapter | None = None,
    moment: str | None = None,
) -> Revision:
    """Approve exactly this revision, for the moment the reviewer saw (`moment`, from the review
    page). It goes live now, or is scheduled for its moment."""
    with transaction.atomic():
        revision = _locked(revision_id, chapter=chapter)
        if moment is not None and revision.state == RevisionState.SUBMITTED:
            if moment != moment_token(revision):
                raise ReviewError(
                    _(
                        "Het moment van publiceren is veranderd terwijl u keek. Bekijk de "
                        "wijziging opnieuw en beslis dan."
                    )
                )
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
    """A go-live moment. An approval holds for a moment no earlier than the approved one (a
    later embargo harms nobody); an earlier one goes back to review. A revision not yet
    approved keeps the moment for when it is."""
    if publish_at <= timezone.now():
        raise ReviewError(_("Kies een moment in de toekomst om te publiceren."))
    with transaction.atomic():
        revision = _locked(revision.pk)
        approved = revision.state in {RevisionState.APPROVED, RevisionState.SCHEDULED}
        if approved and revision.publish_at and publish_at < revision.publish_at:
            return _reopen(revision, user=user, publish_at=publish_at)
        if revision.state == RevisionState.APPROVED:
            return states.move(revision, "schedule", user=user, publish_at=publish_at)
        if revision.state in {RevisionState.DRAFT, RevisionState.RETURNED}:
            return submit(revision=revision, user=user, publish_at=publish_at)
        if revision.state in {RevisionState.SUBMITTED, RevisionState.SCHEDULED}:
            return _new_moment(revision, user=user, publish_at=publish_at)
        raise ReviewError(_("Er is geen nieuwe versie om te plannen."))


def unschedule(*, revision: Revision, user: AbstractBaseUser) -> Revision:
    """No go-live moment any more. A colleague approved the text for that moment, so going
    live sooner needs their look again: a scheduled revision goes back to review."""
    with transaction.atomic():
        revision = _locked(revision.pk)
        if revision.state in {RevisionState.APPROVED, RevisionState.SCHEDULED}:
            if revision.publish_at is None:
                return revision
            return _reopen(revision, user=user, publish_at=None)
        if revision.is_open and revision.publish_at is not None:
            return _new_moment(revision, user=user, publish_at=None)
        return revision


def _reopen(revision: Revision, *, user, publish_at) -> Revision:
    return states.move(
        revision,
        "reopen",
        user=user,
        publish_at=publish_at,
        submitted_by=user,
        submitted_at=timezone.now(),
        reviewed_by=None,
        reviewed_at=None,
    )


def _new_moment(revision: Revision, *, user, publish_at) -> Revision:
    """A new moment on a revision in review, or a later one on a scheduled revision: in the
    audit trail like every step (the review page binds its approval to the moment shown)."""
    revision.publish_at = publish_at
    revision.save(update_fields=["publish_at"])
    when = timezone.localtime(publish_at).strftime("%d-%m-%Y %H:%M") if publish_at else "geen"
    revision.events.create(
        action="reschedule",
        state=revision.state,
        user=user if user is not None and user.is_authenticated else None,
        comment=_("Publiceren op: %(when)s") % {"when": when},
    )
    return revision
