"""Who is editing which chapter right now."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handreiking.models.chapters import Chapter


class EditingPresenceQuerySet(models.QuerySet):
    def active(self, *, now=None):
        """Editors whose editor page gave a sign of life recently."""
        now = now or timezone.now()
        since = now - timezone.timedelta(seconds=settings.EDITING_PRESENCE_SECONDS)
        return self.filter(seen_at__gte=since)


class EditingPresence(models.Model):
    """An editor with a chapter's edit page open: others opening it are told who and since when."""

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="presences", verbose_name=_("hoofdstuk")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("redacteur"),
    )
    started_at = models.DateTimeField(_("bewerkt sinds"), default=timezone.now)
    seen_at = models.DateTimeField(_("laatst actief"), default=timezone.now)

    objects = EditingPresenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("redacteur aan het werk")
        verbose_name_plural = _("redacteuren aan het werk")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "user"], name="editing_presence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.chapter}"
