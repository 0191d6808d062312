"""Search: documents derived from published chapters, the words editors keep for search
(synonyms and best answers), and the weekly counts of what readers could not find."""

import re
import uuid

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from handreiking.models.chapters import Chapter
from handreiking.models.content import ContentVersion

MAX_TERM_LENGTH = 60
_TERM_SEPARATOR = re.compile(r"[,;\n]")


def split_terms(text: str) -> list[str]:
    """The terms of a synonym group, as an editor typed them: separated by commas or lines."""
    seen: dict[str, str] = {}
    for part in _TERM_SEPARATOR.split(text or ""):
        term = " ".join(part.split())
        if term:
            seen.setdefault(term.lower(), term)
    return list(seen.values())


class SearchSection(models.Model):
    """Derived from Chapter.sections on save; never edited. The *_stems fields hold the Dutch
    stems of title, heading and text as the search module made them; from those, a trigger
    fills the tsvectors (PostgreSQL) or the FTS5 table (SQLite)."""

    chapter = models.ForeignKey(
        "handreiking.Chapter", on_delete=models.CASCADE, related_name="search_sections"
    )
    anchor = models.CharField(max_length=100, blank=True)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    heading = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    title_stems = models.TextField(blank=True, editable=False)
    heading_stems = models.TextField(blank=True, editable=False)
    body_stems = models.TextField(blank=True, editable=False)
    head_vector = SearchVectorField(null=True, editable=False)  # title and heading
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")
        ordering = ["chapter", "position"]

    def __str__(self) -> str:
        return f"{self.title} › {self.heading}" if self.heading else self.title


class SearchTerm(models.Model):
    """Every word of a published chapter, once per chapter: inflections, compounds and spelling
    suggestions come from these. The rows go with their chapter's text, so the vocabulary is
    always what is published now, never what once was."""

    chapter = models.ForeignKey(
        "handreiking.Chapter", on_delete=models.CASCADE, related_name="search_terms"
    )
    word = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("zoekterm")
        verbose_name_plural = _("zoektermen")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "word"], name="searchterm_chapter_word")
        ]

    def __str__(self) -> str:
        return self.word


class EditorialQuerySet(models.QuerySet):
    """Editors' search settings change what readers find: every write replaces the content
    version, so every app server and worker uses the new settings on its next search."""

    def update(self, **kwargs) -> int:
        changed = super().update(**kwargs)
        ContentVersion.objects.bump()
        return changed

    def delete(self):
        deleted = super().delete()
        ContentVersion.objects.bump()
        return deleted

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        ContentVersion.objects.bump()
        return created


class EditorialModel(models.Model):
    objects = EditorialQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        ContentVersion.objects.bump()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        ContentVersion.objects.bump()
        return deleted


class Synonym(EditorialModel):
    """Words and phrases that mean the same to a reader: a search for one finds the others."""

    terms = models.TextField(
        _("woorden"),
        max_length=1000,
        help_text=_(
            "Woorden of woordgroepen die voor lezers hetzelfde betekenen, gescheiden door "
            "komma's. Zoekt iemand op een ervan, dan vindt de zoekfunctie ook de andere. "
            "Bijvoorbeeld: baas, leidinggevende, manager. Hoofdletters en accenten maken niet uit."
        ),
    )
    note = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        help_text=_("Waarom deze groep er is; alleen voor de redactie."),
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    history = HistoricalRecords(
        verbose_name=_("historische synoniemengroep"),
        verbose_name_plural=_("historische synoniemengroepen"),
    )

    class Meta:
        verbose_name = _("synoniemengroep")
        verbose_name_plural = _("synoniemen")
        ordering = ["terms"]

    def __str__(self) -> str:
        return ", ".join(split_terms(self.terms))

    def clean(self) -> None:
        terms = split_terms(self.terms)
        if len(terms) < 2:
            raise ValidationError(
                {"terms": _("Geef minstens twee woorden, gescheiden door een komma.")}
            )
        too_long = [t for t in terms if len(t) > MAX_TERM_LENGTH]
        if too_long:
            raise ValidationError(
                {"terms": _("Houd elk woord korter dan %(max)s tekens: „%(term)s” is te lang.")},
                params={"max": MAX_TERM_LENGTH, "term": too_long[0]},
            )


class BestAnswer(EditorialModel):
    """For one query, the section that answers it comes first, whatever the ranking says."""

    query = models.CharField(
        _("zoekvraag"),
        max_length=200,
        help_text=_(
            "Wat lezers typen, bijvoorbeeld „krantentest”. Hoofdletters, accenten, meervoud en "
            "woorden als „de” of „mag ik” maken niet uit."
        ),
    )
    chapter = models.ForeignKey(
        Chapter,
        on_delete=models.CASCADE,
        related_name="best_answers",
        verbose_name=_("hoofdstuk"),
    )
    anchor = models.CharField(
        _("onderdeel"),
        max_length=100,
        blank=True,
        help_text=_("Het anker van het onderdeel (na # in de link); leeg: het begin."),
    )
    note = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        help_text=_("Waarom dit het beste antwoord is; alleen voor de redactie."),
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    history = HistoricalRecords(
        verbose_name=_("historisch beste antwoord"),
        verbose_name_plural=_("historische beste antwoorden"),
    )

    class Meta:
        verbose_name = _("beste antwoord")
        verbose_name_plural = _("beste antwoorden")
        ordering = ["query"]

    def __str__(self) -> str:
        return f"{self.query} → {self.chapter_id and self.chapter.title}"

    def clean(self) -> None:
        if not self.chapter_id or not self.anchor:
            return
        anchors = {entry["id"] for entry in self.chapter.toc or []}
        if self.anchor not in anchors:
            raise ValidationError(
                {"anchor": _("Dit hoofdstuk heeft geen onderdeel met het anker „%(anchor)s”.")},
                params={"anchor": self.anchor},
            )


class SearchMiss(models.Model):
    """How often readers searched for words that found nothing, per week: no time, no address,
    no single search. The words are scrubbed of personal data and normalised before storing."""

    # Random, so the order of rows says nothing about the order of searches.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    week = models.DateField(
        _("week van"), help_text=_("De maandag van de week; geen dag of tijdstip.")
    )
    query = models.CharField(_("zoekvraag"), max_length=200)
    count = models.PositiveIntegerField(_("aantal keer gezocht"), default=0)

    class Meta:
        verbose_name = _("zoekvraag zonder resultaat")
        verbose_name_plural = _("zoekvragen zonder resultaat")
        ordering = ["-week", "-count", "query"]
        constraints = [
            models.UniqueConstraint(fields=["week", "query"], name="searchmiss_week_query")
        ]

    def __str__(self) -> str:
        return self.query
