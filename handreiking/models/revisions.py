"""Revisions: every saved text of a chapter, immutable, with where it stands in review.

Readers see the chapter's published fields (`Chapter.body` and friends); editors work in
revisions. A revision's text never changes once saved: a new save is a new revision that names
the one it started from (`parent`), so nobody's saved text is ever overwritten. Only its place
in the workflow (`state`, who reviewed it, when it goes live) moves, through the transitions in
`handreiking.editorial.states`, each with an entry in `RevisionEvent`.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handreiking import markdown
from handreiking.models.chapters import Chapter

# The text of a revision: written once, when it is created.
TEXT_FIELDS = ("number", "title", "slug", "summary", "body", "change_kind", "change_note")


class ChangeKind(models.TextChoices):
    MINOR = "minor", _("Kleine wijziging")
    MAJOR = "major", _("Belangrijke wijziging")


class RevisionState(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ter controle")
    RETURNED = "returned", _("Teruggestuurd")
    APPROVED = "approved", _("Goedgekeurd")
    SCHEDULED = "scheduled", _("Gepland")
    PUBLISHED = "published", _("Gepubliceerd")
    WITHDRAWN = "withdrawn", _("Ingetrokken")
    SUPERSEDED = "superseded", _("Vervangen door een nieuwere versie")


# Work in progress: a revision in one of these states can still go live.
OPEN_STATES = (
    RevisionState.DRAFT,
    RevisionState.SUBMITTED,
    RevisionState.RETURNED,
    RevisionState.APPROVED,
    RevisionState.SCHEDULED,
)
# A colleague looked, or was asked to: a later change of the text goes back to review.
IN_REVIEW_STATES = (RevisionState.SUBMITTED, RevisionState.APPROVED, RevisionState.SCHEDULED)


class RevisionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def awaiting_review(self):
        return self.filter(state=RevisionState.SUBMITTED).order_by("submitted_at", "pk")

    def returned_to(self, user):
        return self.filter(state=RevisionState.RETURNED, author=user).order_by("-reviewed_at")

    def scheduled(self):
        return self.filter(state=RevisionState.SCHEDULED).order_by("publish_at", "pk")

    def due(self, *, now):
        return self.scheduled().filter(publish_at__lte=now)

    def planned_without_approval(self, *, now):
        """A go-live moment without an approval behind it, that needs someone's attention: the
        approval was lost to a later change, or the moment is within a day or already past.
        Such a revision does not go live on its own."""
        lost = models.Q(parent__events__action="approve")
        soon = models.Q(publish_at__lte=now + timedelta(days=1))
        return (
            self.filter(publish_at__isnull=False)
            .filter(
                state__in=[RevisionState.DRAFT, RevisionState.SUBMITTED, RevisionState.RETURNED]
            )
            .filter(lost | soon)
            .distinct()
            .order_by("publish_at", "pk")
        )


class Revision(models.Model):
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("hoofdstuk")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voortgebouwd op"),
    )
    merged_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samengevoegd met"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgeslagen door"),
    )
    created_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now, db_index=True)
    # The chapter's place in the handreiking: readers see it, so it changes with review too.
    number = models.PositiveSmallIntegerField(_("nummer"), null=True, blank=True)
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("webadres"), max_length=100)
    summary = models.TextField(_("samenvatting"), max_length=400, blank=True)
    body = models.TextField(_("tekst"))
    change_kind = models.CharField(
        _("soort wijziging"), max_length=5, choices=ChangeKind.choices, default=ChangeKind.MINOR
    )
    change_note = models.TextField(_("wijzigingsnotitie"), max_length=1000, blank=True)
    # Rendered when the revision is created, for the preview: never on a read.
    body_html = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)

    state = models.CharField(
        _("stand"),
        max_length=10,
        choices=RevisionState.choices,
        default=RevisionState.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(
        _("publiceren op"),
        null=True,
        blank=True,
        help_text=_("Leeg: direct na goedkeuring. Anders gaat de tekst op dit moment live."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ter controle aangeboden door"),
    )
    submitted_at = models.DateTimeField(_("ter controle aangeboden op"), null=True, blank=True)
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
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    unreviewed_reason = models.TextField(
        _("reden voor publiceren zonder controle"), max_length=1000, blank=True
    )
    schedule_problem = models.TextField(_("probleem bij publiceren"), max_length=1000, blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["chapter", "state"], name="revision_chapter_state")]

    def __str__(self) -> str:
        return _("Versie %(pk)s van %(chapter)s") % {"pk": self.pk, "chapter": self.chapter}

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self._state.adding:
            # Immutable text: a later save may only move the revision through the workflow.
            if update_fields is None or set(update_fields) & set(TEXT_FIELDS):
                raise ValueError("A revision's text never changes; save a new revision.")
        else:
            rendered = markdown.render_chapter(self.body, title=self.title)
            self.body_html, self.toc = rendered.html, rendered.toc
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("admin:handreiking_chapter_revision", args=[self.chapter_id, self.pk])

    @property
    def is_major(self) -> bool:
        return self.change_kind == ChangeKind.MAJOR

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class RevisionEvent(models.Model):
    """One step of a revision through the workflow: who, when, and what they said."""

    revision = models.ForeignKey(
        Revision, on_delete=models.CASCADE, related_name="events", verbose_name=_("versie")
    )
    action = models.CharField(_("stap"), max_length=30)
    state = models.CharField(_("nieuwe stand"), max_length=10, choices=RevisionState.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"), default=timezone.now)
    comment = models.TextField(_("toelichting"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("stap in de controle")
        verbose_name_plural = _("stappen in de controle")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.revision_id}: {self.action} → {self.state}"
