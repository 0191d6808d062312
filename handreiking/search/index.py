"""The search documents of a chapter: one row per section with its stems, and the chapter's words.

Written only by the chapter write path (`handreiking.editorial.writepath`) and migrations, which
pass the model classes so a migration can hand in its historical ones. The database's own index
(tsvector or FTS5) follows the rows by trigger."""

from handreiking.search.text import stemmed, words

MIN_WORD = 2
MAX_WORD = 100


def _is_current(section_model, term_model) -> bool:
    """Whether these (possibly historical) models have the layout this module writes. Earlier
    migrations save chapters with older search tables; migration 0009 indexes them all again."""
    section_fields = {f.name for f in section_model._meta.get_fields()}
    term_fields = {f.name for f in term_model._meta.get_fields()}
    return "body_stems" in section_fields and "chapter" in term_fields


def index_chapter(chapter, *, section_model, term_model) -> None:
    """Replace the chapter's search documents and words; an unpublished chapter has none, so
    withdrawn text is gone from results and from spelling suggestions in the same transaction."""
    if not _is_current(section_model, term_model):
        return
    section_model.objects.filter(chapter_id=chapter.pk).delete()
    term_model.objects.filter(chapter_id=chapter.pk).delete()
    if chapter.is_published:
        write_documents(chapter, section_model=section_model, term_model=term_model)


def write_documents(chapter, *, section_model, term_model) -> None:
    """Insert a published chapter's section documents and its words."""
    if not _is_current(section_model, term_model):
        return
    title_stems = stemmed(chapter.title)
    rows = [
        _section_row(section_model, chapter, position, section, title_stems)
        for position, section in enumerate(chapter.sections or [])
    ] or [
        section_model(
            chapter=chapter, anchor="", position=0, title=chapter.title, title_stems=title_stems
        )
    ]
    section_model.objects.bulk_create(rows)
    text = " ".join(f"{r.title} {r.heading} {r.body}" for r in rows)
    unique = sorted({w for w in words(text) if MIN_WORD <= len(w) <= MAX_WORD})
    term_model.objects.bulk_create(
        [term_model(chapter=chapter, word=w) for w in unique], batch_size=1000
    )


def _section_row(section_model, chapter, position: int, section: dict, title_stems: str):
    heading = section["title"] if section["id"] else ""
    return section_model(
        chapter=chapter,
        anchor=section["id"],
        position=position,
        title=chapter.title,
        heading=heading,
        body=section["text"],
        title_stems=title_stems,
        heading_stems=stemmed(heading),
        body_stems=stemmed(section["text"]),
    )
