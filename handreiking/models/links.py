"""External links in the published text and in HR's material, as `manage.py check_links`
last found them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalLinkQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(is_broken=True).order_by("url")


class ExternalLink(models.Model):
    url = models.URLField(_("adres"), max_length=2000, unique=True)
    is_broken = models.BooleanField(_("werkt niet"), default=False)
    status_code = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)
    problem = models.CharField(_("probleem"), max_length=300, blank=True)
    redirects_to = models.URLField(_("stuurt door naar"), max_length=2000, blank=True)
    # Where the link stands: [{"kind": "chapter"|"onboarding", "id": ..., "title": ...}, ...]
    locations = models.JSONField(_("staat in"), default=list)
    checked_at = models.DateTimeField(_("gecontroleerd op"))

    objects = ExternalLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("externe link")
        verbose_name_plural = _("externe links")
        ordering = ["-is_broken", "url"]

    def __str__(self) -> str:
        return self.url
