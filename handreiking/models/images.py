"""Images editors use in chapters."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImageQuerySet(models.QuerySet):
    def without_data(self):
        return self.defer("data")


class Image(models.Model):
    """An image for use in chapters. Kept in the database, so every app server can serve it."""

    EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}

    alt_text = models.CharField(
        _("alternatieve tekst"),
        max_length=250,
        help_text=_(
            "Wat staat er op de afbeelding, voor wie hem niet kan zien? Bijvoorbeeld: "
            "„Schermafbeelding van een LinkedIn-profiel met functie en ministerie.”"
        ),
    )
    data = models.BinaryField(editable=False)
    content_type = models.CharField(max_length=20, editable=False)
    width = models.PositiveIntegerField(_("breedte"), editable=False)
    height = models.PositiveIntegerField(_("hoogte"), editable=False)
    size = models.PositiveIntegerField(_("grootte in bytes"), editable=False)
    uploaded_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("afbeelding")
        verbose_name_plural = _("afbeeldingen")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        return reverse(
            "handreiking:image",
            kwargs={"pk": self.pk, "extension": self.EXTENSIONS[self.content_type]},
        )

    @property
    def markdown(self) -> str:
        alt = self.alt_text.replace("[", "(").replace("]", ")")
        return f"![{alt}]({self.get_absolute_url()})"
