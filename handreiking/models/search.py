"""Search documents: one row per section of a published chapter, and the vocabulary."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchSection(models.Model):
    """Derived from Chapter.sections on save; never edited. On PostgreSQL `vector` holds the
    weighted Dutch tsvector (GIN-indexed); on SQLite an FTS5 table mirrors the stemmed text."""

    chapter = models.ForeignKey(
        "handreiking.Chapter", on_delete=models.CASCADE, related_name="search_sections"
    )
    anchor = models.CharField(max_length=100, blank=True)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    heading = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")
        ordering = ["chapter", "position"]

    def __str__(self) -> str:
        return f"{self.title} › {self.heading}" if self.heading else self.title


class SearchTerm(models.Model):
    """Every word in published text, with its Dutch stem: for inflections, compounds and typos."""

    word = models.CharField(max_length=100, unique=True)
    stem = models.CharField(max_length=100, db_index=True)

    class Meta:
        verbose_name = _("zoekterm")
        verbose_name_plural = _("zoektermen")

    def __str__(self) -> str:
        return self.word
