"""HR's onboarding material, attached to chapters."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from handreiking.models.chapters import Chapter


class OnboardingMaterial(models.Model):
    """HR's own onboarding material, attached to a chapter and listed on /voor-hr/."""

    chapter = models.ForeignKey(
        Chapter,
        on_delete=models.CASCADE,
        related_name="onboarding_materials",
        verbose_name=_("hoofdstuk"),
    )
    title = models.CharField(
        _("titel"), max_length=200, help_text=_("Bijvoorbeeld: „Introductiedag, module 3”.")
    )
    url = models.URLField(
        _("adres"),
        blank=True,
        help_text=_("Link naar het materiaal op het intranet (https://…). Niet verplicht."),
    )
    description = models.TextField(
        _("toelichting"),
        max_length=1000,
        blank=True,
        help_text=_("Waarvoor gebruikt HR dit hoofdstuk? Zichtbaar op /voor-hr/."),
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("onboardingmateriaal")
        verbose_name_plural = _("onboardingmateriaal")
        ordering = ["chapter__number", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("handreiking:hr-overview") + f"#hoofdstuk-{self.chapter_id}"
