"""The handreiking's chapters: published text, drafts, former slugs and change notes.

Every save of a chapter, whoever makes it, runs one write path in one transaction: the Markdown
rendered (`render_derived`), the publication times (`stamp_publication`), a redirect from a
former slug, the search index and the content version. The model knows how to render; the
receivers in `handreiking.receivers` apply it all, so this module imports neither search nor
services (that module says why receivers and not a write service).
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from handreiking import markdown, readability

# Fields a save derives from the Markdown; never edited, never computed on a read.
DERIVED_FIELDS = ("body_html", "toc", "sections")


def render_derived(chapter) -> None:
    """Fill the derived fields from `body`. A plain function, not a method, so the write path
    can also apply it to the historical model a data migration saves."""
    rendered = markdown.render_chapter(chapter.body, title=chapter.title)
    chapter.body_html, chapter.toc = rendered.html, rendered.toc
    chapter.sections = rendered.sections
    if hasattr(chapter, "readability"):
        chapter.readability = readability.measure(chapter.body).as_dict()


def stamp_publication(chapter, *, now: datetime, major: bool = False) -> None:
    """The one place that sets publication times: the first publication, and "Laatst gewijzigd"
    for a major change (the first publication is one)."""
    if not chapter.is_published:
        return
    if chapter.first_published_at is None:
        chapter.first_published_at = now
        major = True
    if major or chapter.last_major_change_at is None:
        chapter.last_major_change_at = now
        # A major change is a check: the next one is due a review interval later.
        if hasattr(chapter, "review_by"):
            chapter.review_by = default_review_by(now)


def default_review_by(moment: datetime) -> date:
    days = settings.EDITING_REVIEW_INTERVAL_DAYS
    return (timezone.localtime(moment) + timedelta(days=days)).date()


class ChapterQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_order(self):
        return self.order_by("number", "pk")

    def review_overdue(self, *, today: date):
        return self.published().filter(review_by__lt=today).order_by("review_by", "number")

    def review_due_soon(self, *, today: date, days: int = 30):
        window = (today, today + timedelta(days=days))
        return self.published().filter(review_by__range=window).order_by("review_by", "number")

    def needing_check(self):
        """Published urgently, past the second pair of eyes: "nog te controleren"."""
        return self.published().filter(needs_check=True).order_by("number")

    def for_navigation(self):
        """The few columns the chapter list, previous/next and the home page need."""
        return self.published().in_order().only("pk", "number", "title", "slug", "summary")


class Chapter(models.Model):
    number = models.PositiveSmallIntegerField(
        _("nummer"),
        help_text=_("Plaats van het hoofdstuk in de handreiking: 1, 2, 3 enzovoort."),
    )
    title = models.CharField(
        _("titel"),
        max_length=200,
        help_text=_("Kort en duidelijk; dit is de kop boven het hoofdstuk."),
    )
    slug = models.SlugField(
        _("webadres"),
        max_length=100,
        unique=True,
        help_text=_(
            "Het laatste deel van het webadres: /handreiking/adres/. Wijzigt u dit, dan sturen "
            "oude adressen automatisch door naar het nieuwe."
        ),
    )
    summary = models.TextField(
        _("samenvatting"),
        max_length=400,
        blank=True,
        help_text=_("Eén of twee zinnen voor de startpagina en zoekresultaten."),
    )
    body = MarkdownxField(
        _("tekst"),
        help_text=_(
            "In Markdown. Koppen met ## en ###, lijsten met - en links als [tekst](adres). "
            "Het voorbeeld laat direct zien hoe lezers het zien."
        ),
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=False, editable=False)
    first_published_at = models.DateTimeField(
        _("eerst gepubliceerd op"), null=True, blank=True, editable=False
    )
    last_major_change_at = models.DateTimeField(
        _("laatst gewijzigd op"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    review_by = models.DateField(
        _("controleren vóór"),
        null=True,
        blank=True,
        help_text=_(
            "Wanneer moet iemand dit hoofdstuk opnieuw nalezen? Standaard een jaar na de laatste "
            "belangrijke wijziging."
        ),
    )
    last_checked_at = models.DateTimeField(
        _("laatst gecontroleerd op"), null=True, blank=True, editable=False
    )
    needs_check = models.BooleanField(
        _("nog te controleren"),
        default=False,
        editable=False,
        help_text=_("Met spoed gepubliceerd zonder tweede lezer; een collega moet nog kijken."),
    )
    live_revision = models.ForeignKey(
        "handreiking.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("gepubliceerde versie"),
    )
    # Derived on save from `body`, and kept in the history: each version's readability.
    readability = models.JSONField(_("leesbaarheid"), editable=False, default=dict)

    # Derived on save from `body` (DERIVED_FIELDS); never computed on a read.
    body_html = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    sections = models.JSONField(editable=False, default=list)

    history = HistoricalRecords(
        verbose_name=_("versie van een hoofdstuk"),
        verbose_name_plural=_("versies van hoofdstukken"),
        excluded_fields=[*DERIVED_FIELDS, "updated_at", "live_revision"],
    )

    objects = ChapterQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoofdstuk")
        verbose_name_plural = _("hoofdstukken")
        ordering = ["number", "pk"]
        indexes = [models.Index(fields=["is_published", "number"], name="chapter_published_order")]
        permissions = [
            ("publish_without_review", _("Mag met spoed publiceren zonder controle vooraf")),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        # One transaction for the row and everything the receivers derive from it (rendering,
        # redirect, search index, content version): readers never see one without the other.
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                *DERIVED_FIELDS,
                "readability",
                "review_by",
                "updated_at",
            }
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("handreiking:chapter-detail", kwargs={"slug": self.slug})

    def get_short_url(self) -> str:
        return reverse("handreiking:chapter-short", kwargs={"pk": self.pk})


class ChapterSlugQuerySet(models.QuerySet):
    def current_slug(self, former: str) -> str | None:
        """The published chapter's address now, for one of its former addresses."""
        found = self.filter(slug=former, chapter__is_published=True)
        return found.values_list("chapter__slug", flat=True).first()


class ChapterSlug(models.Model):
    """A former address of a chapter; requests for it get a 301 to the current one."""

    slug = models.SlugField(_("oud webadres"), max_length=100, unique=True)
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="former_slugs", verbose_name=_("hoofdstuk")
    )
    created_at = models.DateTimeField(_("vervangen op"), auto_now_add=True)

    objects = ChapterSlugQuerySet.as_manager()

    class Meta:
        verbose_name = _("oud adres")
        verbose_name_plural = _("oude adressen")

    def __str__(self) -> str:
        return f"{self.slug} → {self.chapter.slug}"

    def get_absolute_url(self) -> str:
        return reverse("handreiking:chapter-detail", kwargs={"slug": self.slug})


class ChangeNoteQuerySet(models.QuerySet):
    def public(self):
        return self.filter(chapter__is_published=True).select_related("chapter")


class ChangeNote(models.Model):
    """A major change readers are told about: on the chapter page, /wijzigingen/ and the feed."""

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="change_notes", verbose_name=_("hoofdstuk")
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    note = models.TextField(_("wijzigingsnotitie"), max_length=1000)
    is_first_publication = models.BooleanField(_("eerste publicatie"), default=False)

    objects = ChangeNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijzigingsnotitie")
        verbose_name_plural = _("wijzigingsnotities")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["-changed_at"], name="changenote_newest")]

    def __str__(self) -> str:
        return f"{self.chapter.title}: {self.note}"

    def get_absolute_url(self) -> str:
        return self.chapter.get_absolute_url()


class AnchorAlias(models.Model):
    """A section anchor the chapter once published and no longer has (see handreiking.anchors):
    it keeps working, as an alias of a renamed heading or as a note where a section was."""

    KINDS = [("renamed", _("kop hernoemd")), ("removed", _("onderdeel verwijderd"))]

    chapter = models.ForeignKey(
        Chapter,
        on_delete=models.CASCADE,
        related_name="anchor_aliases",
        verbose_name=_("hoofdstuk"),
    )
    anchor = models.SlugField(_("oud anker"), max_length=100)
    title = models.CharField(_("oude kop"), max_length=300)
    target = models.SlugField(
        _("leidt naar"), max_length=100, blank=True, help_text=_("Leeg: het begin van de tekst.")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=KINDS)
    retired_at = models.DateTimeField(_("sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("oud anker")
        verbose_name_plural = _("oude ankers")
        ordering = ["chapter", "anchor"]
        constraints = [
            models.UniqueConstraint(fields=["chapter", "anchor"], name="anchor_alias_unique")
        ]

    def __str__(self) -> str:
        return f"#{self.anchor} → #{self.target or 'begin'}"
