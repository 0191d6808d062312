"""The editors' work in progress: drafts with their publication plan and review, and who is
editing which chapter right now."""

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handreiking import markdown
from handreiking.models.chapters import Chapter


def text_revision(source) -> str:
    """A fingerprint of the text an editor opened (the draft if there is one, else the
    published chapter): saving over a different one is a conflict."""
    parts = (source.title, source.slug, source.summary, source.body)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


def current_text(chapter: Chapter):
    """What an editor of this chapter works on now: its draft, else the published text."""
    return getattr(chapter, "draft", None) or chapter


class ChangeKind(models.TextChoices):
    MINOR = "minor", _("Kleine wijziging")
    MAJOR = "major", _("Belangrijke wijziging")


class ReviewState(models.TextChoices):
    NONE = "", _("Concept")
    REQUESTED = "requested", _("Ter controle")
    RETURNED = "returned", _("Teruggestuurd")
    APPROVED = "approved", _("Goedgekeurd")


class ChapterDraftQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(publish_at__isnull=False).order_by("publish_at", "pk")

    def ready(self):
        """Scheduled drafts that may go live on their own: not while in review or sent back,
        and with the second pair of eyes on (EDITING_REVIEW_REQUIRED) a major change only once
        a colleague approved it."""
        # A change in review or sent back never goes live on its own, whatever its kind.
        drafts = self.scheduled().exclude(
            review_state__in=[ReviewState.REQUESTED, ReviewState.RETURNED]
        )
        if settings.EDITING_REVIEW_REQUIRED:
            drafts = drafts.exclude(
                models.Q(change_kind=ChangeKind.MAJOR)
                & ~models.Q(review_state=ReviewState.APPROVED)
            )
        return drafts

    def due(self, *, now):
        return self.ready().filter(publish_at__lte=now)

    def awaiting_review(self):
        return self.filter(review_state=ReviewState.REQUESTED).order_by("review_requested_at")


class ChapterDraft(models.Model):
    """Unpublished edits of a chapter; readers never see these. The draft is also the unit of a
    planned change: its kind and note, when it goes live, and where it stands in review."""

    chapter = models.OneToOneField(
        Chapter, on_delete=models.CASCADE, related_name="draft", verbose_name=_("hoofdstuk")
    )
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("adres (slug)"), max_length=100)
    summary = models.TextField(_("samenvatting"), max_length=400, blank=True)
    body = models.TextField(_("tekst"))
    body_html = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    updated_at = models.DateTimeField(_("opgeslagen op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgeslagen door"),
    )
    change_kind = models.CharField(
        _("soort wijziging"), max_length=5, choices=ChangeKind.choices, default=ChangeKind.MINOR
    )
    change_note = models.TextField(_("wijzigingsnotitie"), max_length=1000, blank=True)
    publish_at = models.DateTimeField(
        _("publiceren op"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Leeg: niet gepland. Het concept gaat op dit moment vanzelf live."),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gepland door"),
    )
    schedule_problem = models.CharField(
        _("probleem bij publiceren"),
        max_length=300,
        blank=True,
        help_text=_("Waarom de geplande publicatie niet doorging."),
    )
    review_state = models.CharField(
        _("controle"),
        max_length=10,
        choices=ReviewState.choices,
        default=ReviewState.NONE,
        blank=True,
    )
    review_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ter controle aangeboden door"),
    )
    review_requested_at = models.DateTimeField(
        _("ter controle aangeboden op"), null=True, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gecontroleerd door"),
    )
    reviewed_at = models.DateTimeField(_("gecontroleerd op"), null=True, blank=True)
    review_comment = models.TextField(_("opmerking van de controleur"), max_length=2000, blank=True)

    objects = ChapterDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepten")

    def __str__(self) -> str:
        return _("Concept van %(chapter)s") % {"chapter": self.chapter}

    def save(self, *args, **kwargs):
        rendered = markdown.render_chapter(self.body, title=self.title)
        self.body_html = rendered.html
        self.toc = rendered.toc
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("admin:handreiking_chapter_preview", args=[self.chapter_id])

    @property
    def is_major(self) -> bool:
        return self.change_kind == ChangeKind.MAJOR


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
