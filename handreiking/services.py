"""Multi-step writes: drafts, publishing, restoring, importing; the zelftoets and its advice."""

import time
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from handreiking import anonymity
from handreiking.importer import ParsedChapter
from handreiking.models import (
    Answer,
    ChangeNote,
    Chapter,
    ChapterDraft,
    ChapterSlug,
    Reflection,
    Topic,
)

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
    """Publish new text: a new version in the history, a change note for a major change, a
    redirect from the former address when the slug changes, and the draft cleared."""
    with transaction.atomic():
        previous_slug = (
            Chapter.objects.filter(pk=chapter.pk).values_list("slug", flat=True).first()
            if chapter.pk
            else None
        )
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
            chapter.first_published_at = now
        chapter.is_published = True
        if major:
            chapter.last_major_change_at = now
        chapter._change_reason = (
            f"{'Belangrijke' if major else 'Kleine'} wijziging: {note}"
            if note
            else "Kleine wijziging"
        )
        chapter._history_user = user
        chapter.save()

        ChapterSlug.objects.filter(slug=chapter.slug).delete()
        if previous_slug and previous_slug != chapter.slug:
            ChapterSlug.objects.update_or_create(slug=previous_slug, defaults={"chapter": chapter})
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


# The zelftoets


@dataclass(frozen=True)
class AdviceLink:
    title: str
    url: str
    reason: str


@dataclass(frozen=True)
class Advice:
    post_now: bool
    doubts: list[str]
    links: list[AdviceLink]


# Which chapter (by number, with a section anchor) helps with which doubt.
DOUBT_CHAPTERS = {
    "colleagues": (3, "", "Integriteit en professioneel werken gaan samen"),
    "manager": (1, "wat-zegt-de-gedragscode-integriteit-rijk", "Wat de Gedragscode zegt"),
    "newspaper": (3, "", "De krantentest: twijfel over je bijdrage"),
}
TOPIC_CHAPTERS = {
    Topic.WORK: (1, "", "Laten zien waar je aan werkt"),
    Topic.NEWS: (2, "", "Eerst luisteren: online media als bron"),
    Topic.NETWORK: (1, "", "Online netwerken als ambassadeur"),
    Topic.PRIVATE: (1, "wat-zegt-de-gedragscode-integriteit-rijk", "Privé en werk gescheiden"),
}
DOUBT_TEXT = {
    "colleagues": "je weet niet zeker of je je collega's nog recht in de ogen kunt kijken",
    "manager": "je weet niet zeker of je leidinggevende het goed zou vinden",
    "newspaper": "je voelt je niet helemaal op je gemak als het morgen in de krant staat",
}


CONTENT_VERSION_KEY = "handreiking:content-version"
ADVICE_CACHE_SECONDS = 60


def bump_content_version() -> None:
    """Called on every chapter save. With Redis every app server sees the new version at once;
    with the per-process memory cache, other processes catch up within ADVICE_CACHE_SECONDS."""
    cache.set(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)


def advice_for(*, colleagues: str, manager: str, newspaper: str, topic: str = "") -> Advice:
    """The advice for these answers; cached per content version (27 × 6 combinations)."""
    version = cache.get(CONTENT_VERSION_KEY, 0)
    key = f"zelftoets-advice:{version}:{colleagues}:{manager}:{newspaper}:{topic}"
    advice = cache.get(key)
    if advice is None:
        advice = _advice(colleagues=colleagues, manager=manager, newspaper=newspaper, topic=topic)
        cache.set(key, advice, timeout=ADVICE_CACHE_SECONDS)
    return advice


def _advice(*, colleagues: str, manager: str, newspaper: str, topic: str) -> Advice:
    answers = {"colleagues": colleagues, "manager": manager, "newspaper": newspaper}
    doubts = [name for name, answer in answers.items() if answer != Answer.YES]
    wanted = [DOUBT_CHAPTERS[name] for name in doubts]
    if topic in TOPIC_CHAPTERS:
        wanted.append(TOPIC_CHAPTERS[topic])
    if not doubts:
        wanted.append(
            (1, "wat-zegt-de-gedragscode-integriteit-rijk", "De regels gelden ook online")
        )
    numbers = {w[0] for w in wanted}
    fields = ("pk", "number", "title", "slug", "toc")
    chapters = {
        c.number: c for c in Chapter.objects.published().filter(number__in=numbers).only(*fields)
    }
    links: list[AdviceLink] = []
    seen: set[str] = set()
    for number, anchor, reason in wanted:
        chapter = chapters.get(number)
        if chapter is None:
            continue
        anchors = {entry["id"] for entry in chapter.toc}
        url = chapter.get_absolute_url() + (f"#{anchor}" if anchor in anchors else "")
        if url not in seen:
            seen.add(url)
            links.append(AdviceLink(title=chapter.title, url=url, reason=reason))
    return Advice(post_now=not doubts, doubts=[DOUBT_TEXT[name] for name in doubts], links=links)


def submit_reflection(
    *, colleagues: str, manager: str, newspaper: str, topic: str = "", text: str = ""
) -> Reflection:
    """Store a zelftoets anonymously: scrubbed text and the local date, nothing else."""
    scrubbed = anonymity.scrub(text)
    return Reflection.objects.create(
        colleagues=colleagues,
        manager=manager,
        newspaper=newspaper,
        topic=topic,
        text=scrubbed.text,
        had_personal_data=scrubbed.had_personal_data,
        submitted_on=timezone.localdate(),
    )


def purge_reflections(*, retention_days: int, today: date | None = None) -> int:
    """Delete reflections older than the retention period; returns how many."""
    deleted, _details = Reflection.objects.expired(
        today=today or timezone.localdate(), retention_days=retention_days
    ).delete()
    return deleted
