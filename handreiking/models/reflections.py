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


def week_start(day: date) -> date:
    """The Monday of the ISO week of `day`: the only date a released reflection carries."""
    return day - timedelta(days=day.weekday())


class ReflectionQuerySet(models.QuerySet):
    def expired(self, *, today: date, retention_days: int):
        return self.filter(released_week__lt=today - timedelta(days=retention_days))


class AnswersMixin(models.Model):
    """What one person answered: the three questions, a topic and the scrubbed text."""

    colleagues = models.CharField(
        _("collega's recht in de ogen kijken"), max_length=10, choices=Answer.choices
    )
    manager = models.CharField(
        _("goedkeuring van je leidinggevende"), max_length=10, choices=Answer.choices
    )
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

    ANSWER_FIELDS = ("colleagues", "manager", "newspaper", "topic", "text", "had_personal_data")

    class Meta:
        abstract = True

    def answers(self) -> dict:
        return {name: getattr(self, name) for name in self.ANSWER_FIELDS}


class Reflection(AnswersMixin):
    """An anonymous zelftoets result, released to reviewers in a group (see
    `handreiking.zelftoets.release`). Nothing here can identify a person: no user, address,
    browser, session or time; only the week the group's period ended, which the whole group
    shares; a random id, and rows written in random order in one transaction, so neither order
    nor gaps say who came first."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    released_week = models.DateField(
        _("week van de groep"),
        help_text=_(
            "De maandag van de week waarin de periode van de groep eindigde; geen inzenddatum."
        ),
    )
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
        # The random id makes the order within a week say nothing about who came first.
        ordering = ["-released_week", "id"]
        indexes = [
            models.Index(fields=["-released_week", "id"], name="reflection_newest"),
            models.Index(
                fields=["status", "-released_week", "id"], name="reflection_status_newest"
            ),
        ]

    def __str__(self) -> str:
        return _("Reflectie uit %(week)s") % {"week": self.week_label}

    def get_absolute_url(self) -> str:
        return reverse("admin:handreiking_reflection_change", args=[self.pk])

    @property
    def week_label(self) -> str:
        year, week, _day = self.released_week.isocalendar()
        return f"week {week}, {year}"

    def delete_on(self, retention_days: int | None = None) -> date:
        days = settings.REFLECTION_RETENTION_DAYS if retention_days is None else retention_days
        return self.released_week + timedelta(days=days + 1)


class HeldReflectionQuerySet(models.QuerySet):
    def expired(self, *, today: date, retention_days: int):
        return self.filter(held_since__lt=today - timedelta(days=retention_days))


class HeldReflection(AnswersMixin):
    """A submission waiting for its period to end: never shown to reviewers, in no count.
    `period` says which release period it belongs to and `held_since` (a Monday) exists only
    for retention; both are dropped at release, when the rows are deleted and the table is
    rewritten (see `handreiking.zelftoets.release`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    period = models.PositiveIntegerField(_("periode"), default=1)
    held_since = models.DateField(_("wacht sinds de week van"))

    objects = HeldReflectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("wachtende reflectie")
        verbose_name_plural = _("wachtende reflecties")

    def __str__(self) -> str:
        return str(_("Wachtende reflectie"))


class ReleasePeriodQuerySet(models.QuerySet):
    def current(self) -> "ReleasePeriod | None":
        return self.order_by("-number").first()


class ReleasePeriod(models.Model):
    """A period in which reflections are collected. When it ends (`closes_at`, or earlier by
    `release_reflections --close-period`) the next one starts, and its reflections are released
    together if they come from enough distinct sources."""

    number = models.PositiveIntegerField(_("nummer"), primary_key=True)
    closes_at = models.DateTimeField(_("eindigt op"))

    objects = ReleasePeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("periode van de zelftoets")
        verbose_name_plural = _("perioden van de zelftoets")

    def __str__(self) -> str:
        return _("Periode %(number)s") % {"number": self.number}


class SourceMark(models.Model):
    """That some source (a client address, as the trusted proxies vouch for it) already had a
    reflection kept in this period, and from which form (one page view): keyed hashes whose key
    exists only in process memory (`handreiking.zelftoets.sources`). The form tells a retried
    submission (kept once, answered as kept) from a second one. Deleted when the period ends;
    nothing links it to a reflection."""

    period = models.PositiveIntegerField(_("periode"))
    tag = models.CharField(_("kenmerk"), max_length=64)
    form = models.CharField(_("formulierkenmerk"), max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("bronkenmerk")
        verbose_name_plural = _("bronkenmerken")
        constraints = [
            models.UniqueConstraint(fields=["period", "tag"], name="source_once_per_period"),
            models.UniqueConstraint(
                fields=["period", "form"],
                condition=~models.Q(form=""),
                name="form_once_per_period",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Bronkenmerk"))
