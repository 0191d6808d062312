"""The handreiking's chapters: published text, drafts, former slugs and change notes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from handreiking import markdown


class ChapterQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_order(self):
        return self.order_by("number", "pk")

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
        _("adres (slug)"),
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

    # Derived on save from `body`; never computed on a read.
    body_html = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    sections = models.JSONField(editable=False, default=list)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(
        verbose_name=_("versie van een hoofdstuk"),
        verbose_name_plural=_("versies van hoofdstukken"),
        excluded_fields=["body_html", "toc", "sections", "search_text", "updated_at"],
    )

    objects = ChapterQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoofdstuk")
        verbose_name_plural = _("hoofdstukken")
        ordering = ["number", "pk"]
        indexes = [models.Index(fields=["is_published", "number"], name="chapter_published_order")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        rendered = markdown.render_chapter(self.body, title=self.title)
        self.body_html = rendered.html
        self.toc = rendered.toc
        self.sections = rendered.sections
        self.search_text = rendered.text
        if self.is_published and self.first_published_at is None:
            self.first_published_at = timezone.now()
        if self.is_published and self.last_major_change_at is None:
            self.last_major_change_at = self.first_published_at
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "body_html",
                "toc",
                "sections",
                "search_text",
                "first_published_at",
                "last_major_change_at",
                "updated_at",
            }
        super().save(*args, **kwargs)
        from handreiking import search, services

        search.index_chapter(self)
        services.bump_content_version()

    def get_absolute_url(self) -> str:
        return reverse("handreiking:chapter-detail", kwargs={"slug": self.slug})

    def get_short_url(self) -> str:
        return reverse("handreiking:chapter-short", kwargs={"pk": self.pk})


class ChapterDraft(models.Model):
    """Unpublished edits of a chapter; readers never see these."""

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


class ChapterSlugQuerySet(models.QuerySet):
    def current_slug(self, former: str) -> str | None:
        """The published chapter's address now, for one of its former addresses."""
        found = self.filter(slug=former, chapter__is_published=True)
        return found.values_list("chapter__slug", flat=True).first()


class ChapterSlug(models.Model):
    """A former address of a chapter; requests for it get a 301 to the current one."""

    slug = models.SlugField(_("oud adres (slug)"), max_length=100, unique=True)
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="former_slugs", verbose_name=_("hoofdstuk")
    )
    created_at = models.DateTimeField(_("vervangen op"), auto_now_add=True)

    objects = ChapterSlugQuerySet.as_manager()

    class Meta:
        verbose_name = _("oud adres")
        verbose_name_plural = _("oude adressen")

    def __str__(self) -> str:
        return f"/handreiking/{self.slug}/ → {self.chapter.slug}"

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
