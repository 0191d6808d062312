"""The search documents of a chapter: one row per section with its stems, and the chapter's words.

Written only by the chapter write path (`handreiking.editorial.writepath`) and migrations, which
pass the model classes so a migration can hand in its historical ones. The database's own index
(tsvector or FTS5) follows the rows by trigger."""

import re

from handreiking.search.text import ITEM_BREAK, stemmed, words

MIN_WORD = 2
MAX_WORD = 100
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.+?)\s*$", re.M)
_INLINE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]+")


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
    items = list_items(chapter.body or "")
    rows = [
        _section_row(section_model, chapter, position, section, title_stems, items)
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


def list_items(markdown: str) -> list[str]:
    """The text of each list item of a chapter's Markdown, roughly as the page shows it."""
    return [
        " ".join(_INLINE.sub(lambda m: m.group(1) or "", m.group(1)).split())
        for m in _LIST_ITEM.finditer(markdown)
    ]


def with_item_breaks(text: str, items: list[str]) -> str:
    """The section's text with a line break before each list item, so that a snippet never
    glues one item to the next ("… van je baas Je op je gemak …")."""
    position = 0
    for item in items:
        found = text.find(" " + item, position) if len(item) > 2 else -1
        if found >= 0:
            text = text[:found] + ITEM_BREAK + text[found + 1 :]
            position = found + len(item)
    return text


def _section_row(section_model, chapter, position: int, section: dict, title_stems: str, items):
    heading = section["title"] if section["id"] else ""
    return section_model(
        chapter=chapter,
        anchor=section["id"],
        position=position,
        title=chapter.title,
        heading=heading,
        body=with_item_breaks(section["text"], items),
        title_stems=title_stems,
        heading_stems=stemmed(heading),
        body_stems=stemmed(section["text"]),
    )
