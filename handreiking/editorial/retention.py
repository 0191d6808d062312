"""Keeping revisions without drowning in them (Wagtail's users' top complaint is revision bloat).

Every published revision is kept: it is what readers once saw. Open work is kept. A superseded
or withdrawn revision that never went live goes after EDITING_REVISION_RETENTION_DAYS, except
the newest such revision of each author per chapter: nobody's last saved text disappears."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from handreiking.models import Chapter, Revision, RevisionState

PRUNABLE = (RevisionState.SUPERSEDED, RevisionState.WITHDRAWN)


def prune_revisions(*, now=None) -> int:
    """Delete what the rule above allows; returns how many revisions went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.EDITING_REVISION_RETENTION_DAYS)
    candidates = Revision.objects.filter(
        state__in=PRUNABLE, published_at__isnull=True, created_at__lt=cutoff
    )
    kept = set(
        Revision.objects.values("chapter", "author")
        .annotate(newest=Max("pk"))
        .values_list("newest", flat=True)
    )
    live = set(Chapter.objects.exclude(live_revision=None).values_list("live_revision", flat=True))
    doomed = [pk for pk in candidates.values_list("pk", flat=True) if pk not in kept | live]
    with transaction.atomic():
        deleted, _ = Revision.objects.filter(pk__in=doomed).delete()
    return len(doomed) if deleted else 0
