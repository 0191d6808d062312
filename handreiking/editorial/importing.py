"""Reading the handreiking's source text in again (`manage.py import_handreiking`).

Imported text goes through the same path as an editor's: a new chapter or a changed text
becomes a revision offered for review, and only a colleague's approval publishes it. Nothing an
import brings is live before someone looked at it."""

from django.db import transaction

from handreiking.editorial import review
from handreiking.editorial.revisions import live, save_revision
from handreiking.importer import ParsedChapter
from handreiking.models import ChangeKind, Chapter, ChapterSlug

IMPORTED_NOTE = "Tekst opnieuw ingelezen"


def import_chapters(
    parsed: list[ParsedChapter], *, force: bool = False, source: str = ""
) -> dict[str, list[int]]:
    """Offer new or changed chapters for review; never replace an editor's change unless forced.
    Returns the chapter numbers per outcome."""
    outcome: dict[str, list[int]] = {"created": [], "updated": [], "unchanged": [], "skipped": []}
    note = f"{IMPORTED_NOTE}{f' uit {source}' if source else ''}"
    with transaction.atomic():
        for item in parsed:
            chapter = Chapter.objects.filter(number=item.number).first()
            if chapter is None:
                chapter = Chapter(number=item.number)
                slug, kind, key = _free_slug(item.slug), ChangeKind.MAJOR, "created"
            elif (chapter.title, chapter.body.strip()) == (item.title, item.body.strip()):
                outcome["unchanged"].append(item.number)
                continue
            elif not force:
                outcome["skipped"].append(item.number)
                continue
            else:
                slug, kind, key = chapter.slug, ChangeKind.MAJOR, "updated"
            saved = save_revision(
                chapter=chapter,
                # On top of what readers see: an editor's open work stays next to it.
                base=live(chapter) if chapter.pk else None,
                user=None,
                title=item.title,
                slug=slug,
                summary=item.summary or chapter.summary,
                body=item.body,
                change_kind=kind,
                change_note=note,
            )
            if saved.revision.state in {"draft", "returned"}:
                review.submit(revision=saved.revision, user=None)
            outcome[key].append(item.number)
    return outcome


def _free_slug(slug: str) -> str:
    candidate, counter = slug, 2
    while (
        Chapter.objects.filter(slug=candidate).exists()
        or ChapterSlug.objects.filter(slug=candidate).exists()
    ):
        candidate = f"{slug[:95]}-{counter}"
        counter += 1
    return candidate
