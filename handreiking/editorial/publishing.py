"""Going live: the one place a revision's text becomes what readers see.

`publish` takes an approved (or scheduled) revision, `publish_unreviewed` one that skips the
second pair of eyes (with the explicit right and a reason; the chapter then stays "nog te
controleren"). Both copy the revision onto the chapter and save it, which runs the write path
(`handreiking.editorial.writepath`: render, stamp, redirects and anchor aliases, search index,
content version) in the same transaction, and record the change note readers see.
"""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handreiking.editorial import states
from handreiking.editorial.revisions import behind_live, lock_chapter
from handreiking.models import ChangeNote, Chapter, ChapterSlug, Revision
from handreiking.models.chapters import stamp_publication

FIRST_PUBLICATION_NOTE = "Eerste publicatie"
# Ends the history reason of a publication without the second pair of eyes.
URGENT_MARK = "(met spoed, nog te controleren)"


class PublishError(ValueError):
    """A publication that cannot go through: the message is for the editor."""


def display_name(user: AbstractBaseUser | None) -> str:
    """How colleagues are named in the admin and the history: full name, else username."""
    if user is None:
        return _("onbekend")
    return user.get_full_name().strip() or user.get_username()


def publish(
    *, revision: Revision, user: AbstractBaseUser | None, now: datetime | None = None
) -> Chapter:
    """Publish an approved or scheduled revision exactly as it was approved."""
    with transaction.atomic():
        revision = _locked(revision)
        now = now or timezone.now()
        states.move(revision, "publish", user=user, published_at=now)
        checked_by = revision.reviewed_by
        return _go_live(revision, user=user, now=now, checked_by=checked_by)


def publish_unreviewed(*, revision: Revision, user: AbstractBaseUser, reason: str) -> Chapter:
    """Publish without a colleague's approval: only with the explicit right and a reason."""
    if not reason.strip():
        raise PublishError(_("Schrijf op waarom dit niet kan wachten op een collega."))
    with transaction.atomic():
        revision = _locked(revision)
        now = timezone.now()
        states.move(
            revision,
            "publish_unreviewed",
            user=user,
            comment=reason,
            published_at=now,
            unreviewed_reason=reason.strip(),
        )
        return _go_live(revision, user=user, now=now, urgent_reason=reason.strip())


def _locked(revision: Revision) -> Revision:
    """The revision locked after its chapter (the one lock order), refused when going live
    would quietly undo what readers see now: it was started before that was published."""
    lock_chapter(revision.chapter_id)
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    chapter = Chapter.objects.get(pk=revision.chapter_id)
    if behind_live(revision, chapter):
        raise PublishError(
            _(
                "Deze versie is begonnen vóór de tekst die lezers nu zien. Zo publiceren zou "
                "die tekst ongedaan maken. Voeg eerst de gepubliceerde tekst en deze versie "
                "samen; de nieuwe versie gaat dan opnieuw ter controle."
            )
        )
    return revision


def show_to_readers(chapter: Chapter, revision: Revision) -> None:
    """Make the revision's text what readers of the chapter see, unsaved: the one place that
    copies it (publishing here, and `import_content` for the live text a file brings)."""
    if revision.number is not None:
        chapter.number = revision.number
    chapter.title, chapter.slug = revision.title, revision.slug
    chapter.summary, chapter.body = revision.summary, revision.body
    chapter.is_published = True
    chapter.live_revision = revision


def _go_live(
    revision: Revision,
    *,
    user: AbstractBaseUser | None,
    now: datetime,
    checked_by: AbstractBaseUser | None = None,
    urgent_reason: str = "",
) -> Chapter:
    chapter = Chapter.objects.select_for_update().get(pk=revision.chapter_id)
    taken = Chapter.objects.exclude(pk=chapter.pk).filter(slug=revision.slug).exists()
    if taken or ChapterSlug.objects.exclude(chapter=chapter).filter(slug=revision.slug).exists():
        raise PublishError(_("Het webadres is intussen van een ander hoofdstuk."))
    first_publication = not chapter.is_published
    major = first_publication or revision.is_major
    note = revision.change_note or (FIRST_PUBLICATION_NOTE if first_publication else "")
    show_to_readers(chapter, revision)
    stamp_publication(chapter, now=now, major=major)
    reason = f"{'Belangrijke' if major else 'Kleine'} wijziging" + (f": {note}" if note else "")
    if urgent_reason:
        chapter.needs_check = True
        reason += f" {URGENT_MARK}"
    elif checked_by is not None:
        chapter.needs_check = False
        chapter.last_checked_at = now
        reason += f" (gecontroleerd door {display_name(checked_by)})"
    chapter._change_reason = reason
    chapter._history_user = revision.submitted_by or revision.author or user
    chapter.save()
    if major:
        ChangeNote.objects.create(
            chapter=chapter,
            changed_at=now,
            note=note or _("Tekst bijgewerkt"),
            is_first_publication=first_publication,
        )
    return chapter
