"""Putting back an earlier version: a new revision with the old text, reviewed like any change.

The address (slug) stays as it is, so links that work now keep working. Someone with the right
to publish without review may put it back at once, with a reason; the chapter is then "nog te
controleren" until a colleague looks."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from handreiking.editorial import publishing, review
from handreiking.editorial.revisions import Saved, live, save_revision
from handreiking.models import Chapter


def restore_version(
    *,
    chapter: Chapter,
    history_id: int,
    user: AbstractBaseUser,
    change_kind: str,
    change_note: str = "",
    urgent_reason: str = "",
) -> Saved:
    """A new revision with the title, summary and text of an earlier published version, offered
    for review (or published at once with `urgent_reason`, for those allowed to, or when review
    is switched off)."""
    record = chapter.history.get(history_id=history_id)
    when = date_format(timezone.localtime(record.history_date), "j F Y H:i")
    note = change_note.strip() or _("Versie van %(when)s teruggezet") % {"when": when}
    with transaction.atomic():
        # On top of what readers see, not of a colleague's open work: that stays, next to it,
        # for its author to merge (nothing of theirs is replaced).
        saved = save_revision(
            chapter=chapter,
            base=live(chapter),
            user=user,
            title=record.title,
            slug=chapter.slug,
            summary=record.summary,
            body=record.body,
            change_kind=change_kind,
            change_note=note,
        )
        revision = saved.revision
        if urgent_reason.strip():
            publishing.publish_unreviewed(revision=revision, user=user, reason=urgent_reason)
        elif not settings.EDITING_REVIEW_REQUIRED:
            publishing.publish(revision=revision, user=user)
        elif revision.state in {"draft", "returned"}:
            review.submit(revision=revision, user=user)
    return saved
