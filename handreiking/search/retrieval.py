"""Candidate sections for a query, as light records: the database's backend names them, one
query fetches what ranking needs (stems, not text), another the text of the few shown."""

from dataclasses import dataclass

from handreiking.models import SearchSection

CANDIDATES = 100  # sections handed over for ranking: title and heading matches first

_FIELDS = (
    "pk",
    "chapter_id",
    "chapter__slug",
    "chapter__number",
    "anchor",
    "position",
    "title",
    "heading",
    "title_stems",
    "heading_stems",
    "body_stems",
)


@dataclass
class Candidate:
    pk: int
    chapter_id: int
    chapter_slug: str
    chapter_number: int
    anchor: str
    position: int
    title: str
    heading: str
    stems: tuple[frozenset[str], frozenset[str], frozenset[str]]  # title, heading, text
    body: str = ""
    is_best_answer: bool = False


def fetch(ids: list[int]) -> list[Candidate]:
    """The published sections among `ids`, with their stems as sets."""
    return _records(SearchSection.objects.filter(pk__in=ids)) if ids else []


def section(chapter_id: int, anchor: str) -> list[Candidate]:
    """One section by its place (a best answer), if its chapter is published."""
    return _records(SearchSection.objects.filter(chapter_id=chapter_id, anchor=anchor))[:1]


def _records(sections) -> list[Candidate]:
    rows = sections.filter(chapter__is_published=True).order_by().values_list(*_FIELDS)
    titles: dict[int, frozenset[str]] = {}  # every section of a chapter shares its title
    found = []
    for *head, title_stems, heading_stems, body_stems in rows:
        title_set = titles.setdefault(head[1], frozenset(title_stems.split()))
        stems = (title_set, frozenset(heading_stems.split()), frozenset(body_stems.split()))
        found.append(Candidate(*head, stems=stems))
    return found


def with_text(candidates: list[Candidate]) -> list[Candidate]:
    """Fill in the text of the sections that will be shown."""
    if not candidates:
        return []
    bodies = dict(
        SearchSection.objects.filter(pk__in=[c.pk for c in candidates])
        .order_by()
        .values_list("pk", "body")
    )
    for candidate in candidates:
        candidate.body = bodies.get(candidate.pk, "")
    return candidates
