"""Keeping revisions without drowning in them (Wagtail's users' top complaint is revision bloat).

Every published revision is kept: it is what readers once saw. Open work is kept, and so is
every revision open work or the live text builds on (the chain a merge needs). A superseded or
withdrawn revision that never went live goes after EDITING_REVISION_RETENTION_DAYS, except the
newest such revision of each author per chapter: nobody's last saved text disappears."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from handreiking.editorial import revisions
from handreiking.models import Chapter, Revision, RevisionState
from handreiking.models.revisions import OPEN_STATES

PRUNABLE = (RevisionState.SUPERSEDED, RevisionState.WITHDRAWN)


def prune_revisions(*, now=None) -> int:
    """Delete what the rule above allows; returns how many revisions went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.EDITING_REVISION_RETENTION_DAYS)
    with transaction.atomic():
        candidates = set(
            Revision.objects.filter(
                state__in=PRUNABLE, published_at__isnull=True, created_at__lt=cutoff
            ).values_list("pk", flat=True)
        )
        doomed = candidates - _last_of_each_author() - _built_on()
        Revision.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def _last_of_each_author() -> set[int]:
    return set(
        Revision.objects.values("chapter", "author")
        .annotate(newest=Max("pk"))
        .values_list("newest", flat=True)
    )


def _built_on() -> set[int]:
    """Every revision that open work or a live text descends from (one query, walked here)."""
    live = Chapter.objects.exclude(live_revision=None).values_list("live_revision", flat=True)
    starts = Revision.objects.filter(Q(state__in=OPEN_STATES) | Q(pk__in=live))
    return revisions.ancestors(
        starts.values_list("pk", flat=True), revisions.links_of(Revision.objects.all())
    )
