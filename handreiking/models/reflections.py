"""Anonymous zelftoets reflections."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    YES = "ja", _("Ja")
    NO = "nee", _("Nee")
    UNSURE = "weet-niet", _("Weet ik niet")


class Topic(models.TextChoices):
    WORK = "werk", _("Een bericht over mijn werk")
    NEWS = "reactie", _("Een reactie op nieuws, beleid of een discussie")
    NETWORK = "netwerken", _("Netwerken of contact leggen, bijvoorbeeld op LinkedIn")
    PRIVATE = "prive", _("Iets wat ik als privépersoon wil delen")
    OTHER = "anders", _("Iets anders")


class ReflectionStatus(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    READ = "gelezen", _("Gelezen")
    ARCHIVED = "gearchiveerd", _("Gearchiveerd")


class ReflectionQuerySet(models.QuerySet):
    def expired(self, *, today: date, retention_days: int):
        return self.filter(submitted_on__lt=today - timedelta(days=retention_days))


class Reflection(models.Model):
    """An anonymous zelftoets result. By construction nothing here can identify a person: no
    user, address, browser, session or time of day; a random id so order and gaps say nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    colleagues = models.CharField(
        _("collega's recht in de ogen kijken"), max_length=10, choices=Answer.choices
    )
    manager = models.CharField(_("goedkeuring van je baas"), max_length=10, choices=Answer.choices)
    newspaper = models.CharField(
        _("op je gemak als het in de krant staat"), max_length=10, choices=Answer.choices
    )
    topic = models.CharField(_("onderwerp"), max_length=10, choices=Topic.choices, blank=True)
    text = models.TextField(_("reflectie"), max_length=4000, blank=True)
    had_personal_data = models.BooleanField(
        _("bevatte persoonsgegevens"),
        default=False,
        help_text=_(
            "Er stonden persoonsgegevens in de tekst; die zijn vóór het opslaan vervangen."
        ),
    )
    submitted_on = models.DateField(_("datum"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReflectionStatus.choices,
        default=ReflectionStatus.NEW,
    )

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        # The random id makes the order within a day say nothing about who came first.
        ordering = ["-submitted_on", "id"]
        indexes = [
            models.Index(fields=["-submitted_on", "id"], name="reflection_newest"),
            models.Index(fields=["status", "-submitted_on", "id"], name="reflection_status_newest"),
        ]

    def __str__(self) -> str:
        return _("Reflectie van %(date)s") % {"date": self.submitted_on.strftime("%d-%m-%Y")}

    def get_absolute_url(self) -> str:
        return reverse("admin:handreiking_reflection_change", args=[self.pk])

    def delete_on(self, retention_days: int | None = None) -> date:
        days = settings.REFLECTION_RETENTION_DAYS if retention_days is None else retention_days
        return self.submitted_on + timedelta(days=days + 1)
