"""Multi-step writes on chapters: drafts, publishing, restoring, importing.

What every save derives (rendering, redirects, search, content version) is not here: the
chapter write path applies it to any save (`handreiking.receivers`)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from handreiking.importer import ParsedChapter
from handreiking.models import ChangeNote, Chapter, ChapterDraft, ChapterSlug
from handreiking.models.chapters import stamp_publication

FIRST_PUBLICATION_NOTE = "Eerste publicatie"


def save_draft(
    *,
    chapter: Chapter,
    title: str,
    slug: str,
    summary: str,
    body: str,
    user: AbstractBaseUser | None,
) -> ChapterDraft:
    """Keep an editor's unpublished text; readers go on seeing the published chapter."""
    with transaction.atomic():
        if chapter.pk is None:
            # A new chapter exists (unpublished) so that its draft has something to belong to.
            chapter.title, chapter.slug, chapter.summary, chapter.body = title, slug, summary, body
            chapter.is_published = False
            chapter._change_reason = "Nieuw hoofdstuk (concept)"
            chapter._history_user = user
            chapter.save()
        draft, _created = ChapterDraft.objects.update_or_create(
            chapter=chapter,
            defaults={
                "title": title,
                "slug": slug,
                "summary": summary,
                "body": body,
                "updated_by": user if user and user.is_authenticated else None,
            },
        )
    return draft


def publish_chapter(
    *,
    chapter: Chapter,
    user: AbstractBaseUser | None,
    change_note: str = "",
    major: bool = False,
    title: str | None = None,
    slug: str | None = None,
    summary: str | None = None,
    body: str | None = None,
    number: int | None = None,
) -> Chapter:
    """Publish new text: a new version in the history, a change note for a major change (the
    first publication is one), and the draft cleared."""
    with transaction.atomic():
        for name, value in (
            ("title", title),
            ("slug", slug),
            ("summary", summary),
            ("body", body),
            ("number", number),
        ):
            if value is not None:
                setattr(chapter, name, value)
        now = timezone.now()
        first_publication = not chapter.is_published
        note = change_note.strip()
        if first_publication:
            major = True
            note = note or FIRST_PUBLICATION_NOTE
        chapter.is_published = True
        stamp_publication(chapter, now=now, major=major)
        chapter._change_reason = (
            f"{'Belangrijke' if major else 'Kleine'} wijziging: {note}"
            if note
            else "Kleine wijziging"
        )
        chapter._history_user = user
        chapter.save()
        if major:
            ChangeNote.objects.create(
                chapter=chapter, changed_at=now, note=note, is_first_publication=first_publication
            )
        ChapterDraft.objects.filter(chapter=chapter).delete()
    return chapter


def restore_version(
    *,
    chapter: Chapter,
    history_id: int,
    user: AbstractBaseUser | None,
    change_note: str = "",
    major: bool = False,
) -> Chapter:
    """Put back the title, summary and text of an earlier version, as a new version.

    The address (slug) and the position stay as they are: links that work now keep working."""
    record = chapter.history.get(history_id=history_id)
    when = date_format(timezone.localtime(record.history_date), "j F Y H:i")
    note = change_note.strip() or f"Versie van {when} teruggezet"
    return publish_chapter(
        chapter=chapter,
        user=user,
        change_note=note,
        major=major,
        title=record.title,
        summary=record.summary,
        body=record.body,
    )


def import_chapters(
    parsed: list[ParsedChapter], *, force: bool = False, source: str = ""
) -> dict[str, list[int]]:
    """Create or update chapters from parsed text; never overwrite an editor's change unless
    forced. Returns the chapter numbers per outcome."""
    outcome: dict[str, list[int]] = {"created": [], "updated": [], "unchanged": [], "skipped": []}
    with transaction.atomic():
        for item in parsed:
            chapter = Chapter.objects.filter(number=item.number).first()
            if chapter is None:
                publish_chapter(
                    chapter=Chapter(number=item.number),
                    user=None,
                    change_note=FIRST_PUBLICATION_NOTE,
                    title=item.title,
                    slug=_free_slug(item.slug),
                    summary=item.summary,
                    body=item.body,
                )
                outcome["created"].append(item.number)
            elif (chapter.title, chapter.body.strip()) == (item.title, item.body.strip()):
                outcome["unchanged"].append(item.number)
            elif not force:
                outcome["skipped"].append(item.number)
            else:
                publish_chapter(
                    chapter=chapter,
                    user=None,
                    change_note=f"Tekst opnieuw ingelezen{f' uit {source}' if source else ''}",
                    major=True,
                    title=item.title,
                    summary=item.summary or chapter.summary,
                    body=item.body,
                )
                outcome["updated"].append(item.number)
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
