"""The content version: a token that every change readers can see replaces."""

import secrets

from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SINGLETON = 1

# Sent by bump(), with the model that bumped as sender: stored pages can be prepared again
# (handreiking.pagecache.warming) once the change commits.
content_changed = Signal()


def new_token() -> str:
    # Random, not a counter: a rolled-back change can never make an old token mean new text.
    return secrets.token_hex(8)


class ContentVersionQuerySet(models.QuerySet):
    def current(self) -> str:
        return self.filter(pk=SINGLETON).values_list("token", flat=True).first() or ""

    def bump(self) -> None:
        """Replaced in the transaction of the change itself, in the database every app server
        and worker shares: nobody serves the old text after the commit."""
        self.update_or_create(
            pk=SINGLETON, defaults={"token": new_token(), "changed_at": timezone.now()}
        )
        content_changed.send(sender=self.model)


class ContentVersionManager(models.Manager.from_queryset(ContentVersionQuerySet)):
    # Data migrations that save a chapter bump the version through their historical model.
    use_in_migrations = True


class ContentVersion(models.Model):
    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON, editable=False)
    token = models.CharField(_("versie"), max_length=32, default=new_token)
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    objects = ContentVersionManager()

    class Meta:
        verbose_name = _("inhoudsversie")
        verbose_name_plural = _("inhoudsversies")

    def __str__(self) -> str:
        return self.token
