"""The search documents of a chapter: one row per section, the backend's index, the vocabulary.

Written only by the chapter write path (`handreiking.receivers`) and the backfill migration,
which pass the model classes so a migration can hand in its historical ones."""

from handreiking.search.backends import get_backend
from handreiking.search.text import stem, words


def index_chapter(chapter, *, section_model, term_model) -> None:
    """Replace the chapter's search documents; an unpublished chapter has none."""
    backend = get_backend()
    old_ids = list(section_model.objects.filter(chapter_id=chapter.pk).values_list("pk", flat=True))
    if old_ids:
        backend.before_delete(old_ids)
        section_model.objects.filter(pk__in=old_ids).delete()
    if chapter.is_published:
        write_documents(chapter, section_model=section_model, term_model=term_model)


def write_documents(chapter, *, section_model, term_model) -> None:
    """Insert a published chapter's section documents, their index and their vocabulary."""
    rows = [
        section_model(
            chapter=chapter,
            anchor=section["id"],
            position=position,
            title=chapter.title,
            heading=section["title"] if section["id"] else "",
            body=section["text"],
        )
        for position, section in enumerate(chapter.sections or [])
    ] or [section_model(chapter=chapter, anchor="", position=0, title=chapter.title)]
    section_model.objects.bulk_create(rows)
    get_backend().after_insert(chapter, section_model.objects.filter(chapter_id=chapter.pk))
    add_vocabulary(" ".join(f"{r.title} {r.heading} {r.body}" for r in rows), term_model=term_model)


def add_vocabulary(text: str, *, term_model) -> None:
    unique = {w for w in words(text) if 2 <= len(w) <= 100}
    term_model.objects.bulk_create(
        [term_model(word=w, stem=stem(w)) for w in sorted(unique)],
        ignore_conflicts=True,
        batch_size=1000,
    )
