"""Multi-step writes on chapters: drafts, publishing, restoring, importing.

What every save derives (rendering, redirects, search, content version) is not here: the
chapter write path applies it to any save (`handreiking.receivers`)."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.formats import date_format

from handreiking.importer import ParsedChapter
from handreiking.models import (
    ChangeKind,
    ChangeNote,
    Chapter,
    ChapterDraft,
    ChapterSlug,
    ContentVersion,
    ReviewState,
)
from handreiking.models.chapters import stamp_publication
from handreiking.models.content import SINGLETON

FIRST_PUBLICATION_NOTE = "Eerste publicatie"
# Ends the history reason of a major change published without the second pair of eyes.
URGENT_MARK = "(met spoed, nog te controleren)"


def save_draft(
    *,
    chapter: Chapter,
    title: str,
    slug: str,
    summary: str,
    body: str,
    user: AbstractBaseUser | None,
    change_kind: str | None = None,
    change_note: str | None = None,
) -> ChapterDraft:
    """Keep an editor's unpublished text; readers go on seeing the published chapter.

    A changed text loses an earlier approval or request for review: what a colleague approved
    is what goes live."""
    with transaction.atomic():
        if chapter.pk is None:
            # A new chapter exists (unpublished) so that its draft has something to belong to.
            chapter.title, chapter.slug, chapter.summary, chapter.body = title, slug, summary, body
            chapter.is_published = False
            chapter._change_reason = "Nieuw hoofdstuk (concept)"
            chapter._history_user = user
            chapter.save()
        # Locked: a scheduled publication deleting this draft meanwhile must not see it
        # written back (an UPDATE of a deleted row would become an INSERT).
        draft = ChapterDraft.objects.select_for_update().filter(
            chapter=chapter
        ).first() or ChapterDraft(chapter=chapter)
        text = {"title": title, "slug": slug, "summary": summary, "body": body}
        changed = any(getattr(draft, name) != value for name, value in text.items())
        for name, value in text.items():
            setattr(draft, name, value)
        if change_kind is not None:
            changed = changed or draft.change_kind != change_kind
            draft.change_kind = change_kind
        if change_note is not None:
            draft.change_note = change_note.strip()
        if changed and draft.review_state in {ReviewState.APPROVED, ReviewState.REQUESTED}:
            # A colleague approves exactly the text they read, never a later one.
            draft.review_state = ReviewState.NONE
        draft.updated_by = user if user and user.is_authenticated else None
        draft.save()
        refresh_next_publication()
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
    review_by=None,
    unchecked: bool = False,
    checked_by: AbstractBaseUser | None = None,
    keep_draft: bool = False,
) -> Chapter:
    """Publish new text: a new version in the history, a change note for a major change (the
    first publication is one), and the draft cleared.

    `unchecked`: a major change published without the second pair of eyes, marked "nog te
    controleren" until a colleague checks it; `checked_by`: the colleague who approved it."""
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
        if review_by is not None:
            chapter.review_by = review_by
        reason = (
            f"{'Belangrijke' if major else 'Kleine'} wijziging: {note}"
            if note
            else "Kleine wijziging"
        )
        if major and unchecked:
            chapter.needs_check = True
            reason += f" {URGENT_MARK}"
        elif checked_by is not None:
            chapter.needs_check = False
            chapter.last_checked_at = now
            reason += f" (gecontroleerd door {display_name(checked_by)})"
        chapter._change_reason = reason
        chapter._history_user = user
        chapter.save()
        if major:
            ChangeNote.objects.create(
                chapter=chapter, changed_at=now, note=note, is_first_publication=first_publication
            )
        if not keep_draft:
            ChapterDraft.objects.filter(chapter=chapter).delete()
        refresh_next_publication()
    return chapter


def publish_draft(
    *,
    draft: ChapterDraft,
    user: AbstractBaseUser | None,
    unchecked: bool = False,
    checked_by: AbstractBaseUser | None = None,
) -> Chapter:
    """Publish a saved draft with the change kind and note stored with it."""
    return publish_chapter(
        chapter=draft.chapter,
        user=user,
        change_note=draft.change_note,
        major=draft.change_kind == ChangeKind.MAJOR,
        title=draft.title,
        slug=draft.slug,
        summary=draft.summary,
        body=draft.body,
        unchecked=unchecked,
        checked_by=checked_by,
    )


def refresh_next_publication() -> None:
    """Keep the earliest moment a scheduled draft may go live next to the content version,
    which every request reads (handreiking.scheduling)."""
    earliest = ChapterDraft.objects.ready().aggregate(first=Min("publish_at"))["first"]
    updated = ContentVersion.objects.filter(pk=SINGLETON).update(next_publication_at=earliest)
    if not updated:
        ContentVersion.objects.create(pk=SINGLETON, next_publication_at=earliest)


def display_name(user: AbstractBaseUser) -> str:
    """How colleagues are named in the admin and the history: full name, else username."""
    return user.get_full_name().strip() or user.get_username()


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
        # The way back from a bad publication must be quick: a major restore goes live and is
        # marked "nog te controleren" for the second pair of eyes.
        unchecked=major and settings.EDITING_REVIEW_REQUIRED,
        # An editor's work in progress is theirs: a restore never deletes it.
        keep_draft=True,
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
