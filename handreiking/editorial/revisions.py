"""Saving an editor's text: always a new, immutable revision; nobody's saved text is lost.

The editor opens the chapter's head (its newest open revision, else the live one) and saves on
top of it. Saved on top of the head, the new revision replaces it ("vervangen"): the old one
stays in the history, and a change that was in review goes back to review. Saved on top of an
older revision while a colleague saved in between, both stay: the caller offers a merge
(`handreiking.editorial.merging`).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from handreiking.editorial import states
from handreiking.editorial.text import normalise_text
from handreiking.models import ChangeKind, Chapter, Revision, RevisionState
from handreiking.models.revisions import IN_REVIEW_STATES

S = RevisionState
TEXT = ("number", "title", "slug", "summary", "body")


@dataclass(frozen=True)
class Saved:
    revision: Revision
    # A colleague's revision saved after the one this editor opened: both are kept.
    conflict_with: Revision | None = None
    # Nothing changed: no new revision was made.
    unchanged: bool = False


def head(chapter: Chapter) -> Revision | None:
    """What an editor of this chapter works on: its newest open revision, else the live one."""
    if chapter.pk is None:
        return None
    newest = chapter.revisions.open().newest_first().first()
    if newest is not None:
        return newest
    # Read afresh: the caller's chapter may be older than the last publication.
    live = Chapter.objects.filter(pk=chapter.pk).values("live_revision")
    return Revision.objects.filter(pk__in=live).first()


def lock_chapter(chapter_id: int) -> None:
    """Every editorial write locks the chapter's row first, then its revisions: one order for
    all of them, so two editors' steps on one chapter wait for each other, never deadlock."""
    Chapter.objects.select_for_update().filter(pk=chapter_id).values_list("pk").first()


def save_revision(
    *,
    chapter: Chapter,
    base: Revision | None,
    user: AbstractBaseUser | None,
    title: str,
    slug: str,
    summary: str,
    body: str,
    change_kind: str = ChangeKind.MINOR,
    change_note: str = "",
    publish_at: datetime | None = None,
    merged_from: Revision | None = None,
    number: int | None = None,
) -> Saved:
    """Keep this text as a new revision on top of `base` (the revision the editor opened).

    Readers go on seeing the published chapter. A first save of a new chapter creates it,
    unpublished, so that its revisions have something to belong to."""
    text = {
        "number": number if number is not None else chapter.number,
        "title": normalise_text(title).strip(),
        "slug": slug.strip(),
        "summary": normalise_text(summary).strip(),
        "body": normalise_text(body),
        "change_kind": change_kind,
        "change_note": normalise_text(change_note).strip(),
    }
    author = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        if chapter.pk is None:
            chapter.title, chapter.slug = text["title"], text["slug"]
            chapter.summary, chapter.body = text["summary"], text["body"]
            chapter.is_published = False
            chapter._change_reason = "Nieuw hoofdstuk (concept)"
            chapter._history_user = author
            chapter.save()
        # One save per chapter at a time: the head below is the head this save builds on.
        lock_chapter(chapter.pk)
        current = head(chapter)
        if (
            base is not None
            and current is not None
            and current.pk != base.pk
            and merged_from is None
        ):
            # A colleague saved after this editor opened the text: keep both, merge next.
            revision = _create(
                chapter, parent=base, author=author, text=text, publish_at=publish_at
            )
            return Saved(revision=revision, conflict_with=current)
        parent = current if base is None else base
        if parent is not None and merged_from is None and _same(parent, text, publish_at):
            return Saved(revision=parent, unchanged=True)
        replaced = [r for r in (parent, merged_from) if r is not None and r.is_open]
        # A change a colleague was asked to look at, or looked at, goes back to them.
        back_to_review = any(r.state in IN_REVIEW_STATES for r in replaced)
        if publish_at is None:
            publish_at = next((r.publish_at for r in replaced if r.publish_at), None)
        revision = _create(
            chapter,
            parent=parent,
            author=author,
            text=text,
            publish_at=publish_at,
            merged_from=merged_from,
        )
        for old in replaced:
            old = Revision.objects.select_for_update().get(pk=old.pk)
            if old.is_open:
                states.move(old, "supersede", user=author, comment=f"#{revision.pk}")
        if back_to_review:
            states.move(
                revision,
                "submit",
                user=author,
                comment="Opnieuw ter controle: de tekst is veranderd",
                submitted_by=author,
                submitted_at=timezone.now(),
            )
    return Saved(revision=revision)


def _create(chapter, *, parent, author, text, publish_at, merged_from=None) -> Revision:
    revision = Revision.objects.create(
        chapter=chapter,
        parent=parent,
        merged_from=merged_from,
        author=author,
        publish_at=publish_at,
        state=S.DRAFT,
        **text,
    )
    states.record_saved(revision, user=author)
    return revision


def _same(revision: Revision, text: dict, publish_at) -> bool:
    """Nothing to save: the same text (and, for open work, the same kind, note and moment)."""
    if publish_at is not None and publish_at != revision.publish_at:
        return False
    if not revision.is_open and (text["change_note"] or text["change_kind"] != ChangeKind.MINOR):
        return False  # a change announced to readers, even without new text
    names = TEXT if not revision.is_open else text.keys()
    return all(comparable(name, getattr(revision, name)) == text[name] for name in names)


def comparable(name: str, value):
    """A stored value as a save writes it now: text kept before normalising (an older import,
    a direct save) is no change when only its line endings or spaces differ."""
    if name == "body":
        return normalise_text(value)
    if name in {"title", "summary", "change_note"}:
        return normalise_text(value).strip()
    return value


def live(chapter: Chapter) -> Revision | None:
    """What readers see now, as a revision (read afresh)."""
    return Revision.objects.filter(
        pk__in=Chapter.objects.filter(pk=chapter.pk).values("live_revision")
    ).first()


Links = dict[int, tuple[int | None, int | None]]


def links_of(revisions) -> Links:
    """Each revision's parent and merge source, from one query over `revisions`."""
    return {
        pk: (parent, merged)
        for pk, parent, merged in revisions.values_list("pk", "parent_id", "merged_from_id")
    }


def ancestors(starts, links: Links) -> set[int]:
    """Every revision the `starts` were built on (themselves included), through parents and
    merges."""
    seen: set[int] = set()
    todo = list(starts)
    while todo:
        pk = todo.pop()
        if pk is None or pk in seen:
            continue
        seen.add(pk)
        todo.extend(links.get(pk, (None, None)))
    return seen


def lineage(revision: Revision, links: Links | None = None) -> set[int]:
    """Every revision this one was built on (itself included), through parents and merges:
    one query for the chapter's revisions (unless the caller has them), walked here."""
    if links is None:
        links = links_of(Revision.objects.filter(chapter_id=revision.chapter_id))
    return ancestors([revision.pk], links)


def behind_live(revision: Revision | None, chapter: Chapter) -> bool:
    """Whether an open revision was started before what readers see now was published: going
    live as it is would undo that publication, so its editor is offered a merge."""
    if revision is None or not revision.is_open or not chapter.live_revision_id:
        return False
    return chapter.live_revision_id not in lineage(revision)


def merge_partner(chapter: Chapter, mine: Revision, wanted: int | None) -> Revision | None:
    """The revision to merge `mine` with: the one asked for, else the newest other open one,
    else (when `mine` was started before the live text was published) the live revision."""
    others = chapter.revisions.exclude(pk=mine.pk)
    if wanted is not None:
        return others.filter(pk=wanted).first()
    newest = others.open().newest_first().first()
    if newest is not None and newest.created_at >= mine.created_at:
        return newest
    if behind_live(mine, chapter):
        return chapter.live_revision
    return None


def common_base(mine: Revision, theirs: Revision) -> Revision | None:
    """The newest revision both were built on: what each side changed is measured against it."""
    shared = lineage(mine) & lineage(theirs)
    return Revision.objects.filter(pk__in=shared).newest_first().first()


def parallel(revision: Revision | None) -> list[Revision]:
    """Other open revisions of the chapter that this one does not build on: work in progress
    next to it (a conflict kept, or a colleague's version in review), for its editor to merge."""
    if revision is None or not revision.is_open:
        return []
    links = links_of(Revision.objects.filter(chapter_id=revision.chapter_id))
    mine = lineage(revision, links)
    others = (
        Revision.objects.open()
        .filter(chapter_id=revision.chapter_id)
        .exclude(pk__in=mine)
        .select_related("author")
        .newest_first()
    )
    return [other for other in others if revision.pk not in lineage(other, links)]
