"""Dutch search over published chapters, on PostgreSQL and on SQLite alike.

Both backends share the query logic: every query word is expanded in Python against the
vocabulary of published text (same Dutch Snowball stem, compounds that contain it, and, for a
word that is nowhere in the text, close spellings). Then:

- PostgreSQL: full-text search with the `dutch` configuration on a stored, GIN-indexed tsvector
  (title weight A, section heading B, body C); close spellings through pg_trgm.
- SQLite: FTS5 over text stemmed by the same Snowball stemmer, ranked with bm25 (10/5/1).

Words the reader sees come back escaped, with the matches wrapped in <mark>.
"""

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MAX_RESULTS = 50
SECTIONS_PER_CHAPTER = 3
MIN_COMPOUND_NEEDLE = 4
FTS_TABLE = "handreiking_searchfts"

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)

# PostgreSQL's Dutch stop words (snowball dutch.stop), so both backends ignore the same words.
STOP_WORDS = frozenset(
    """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar
    heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren
    veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd
    doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def stemmed(text: str) -> str:
    return " ".join(stem(w) for w in words(text))


# Indexing (on Chapter.save)


def index_chapter(chapter) -> None:
    """Replace the chapter's search documents; unpublished chapters have none."""
    from handreiking.models import SearchSection

    with transaction.atomic():
        old_ids = list(SearchSection.objects.filter(chapter=chapter).values_list("pk", flat=True))
        if old_ids and connection.vendor == "sqlite":
            _fts_delete(old_ids)
        SearchSection.objects.filter(pk__in=old_ids).delete()
        if not chapter.is_published:
            return
        write_documents(chapter, section_model=SearchSection)


def write_documents(chapter, *, section_model, term_model=None) -> None:
    """Insert a published chapter's section documents, vectors or FTS rows, and vocabulary.
    Takes the model classes so the backfill migration can pass its historical ones."""
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
    if connection.vendor == "postgresql":
        _pg_vectors(chapter)
    elif connection.vendor == "sqlite":
        _fts_insert(section_model.objects.filter(chapter=chapter))
    add_vocabulary(" ".join(f"{r.title} {r.heading} {r.body}" for r in rows), term_model=term_model)


def add_vocabulary(text: str, term_model=None) -> None:
    from handreiking.models import SearchTerm

    model = term_model or SearchTerm
    unique = {w for w in words(text) if 2 <= len(w) <= 100}
    model.objects.bulk_create(
        [model(word=w, stem=stem(w)) for w in sorted(unique)],
        ignore_conflicts=True,
        batch_size=1000,
    )


def _pg_vectors(chapter) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE handreiking_searchsection SET vector ="
            " setweight(to_tsvector('dutch', title), 'A')"
            " || setweight(to_tsvector('dutch', heading), 'B')"
            " || setweight(to_tsvector('dutch', body), 'C')"
            " WHERE chapter_id = %s",
            [chapter.pk],
        )


def _fts_insert(sections) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, heading, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [(s.pk, stemmed(s.title), stemmed(s.heading), stemmed(s.body)) for s in sections],
        )


def _fts_delete(ids) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(i,) for i in ids])  # noqa: S608


# Querying


@dataclass
class Term:
    word: str
    exact: set[str] = field(default_factory=set)  # same stem: inflections
    wider: set[str] = field(default_factory=set)  # compounds and close spellings
    corrected: str = ""  # the close spelling we searched for instead


@dataclass
class Result:
    chapter_title: str
    chapter_number: int
    heading: str
    url: str
    snippet: SafeString
    title_html: SafeString


@dataclass
class SearchOutcome:
    query: str
    results: list[Result]
    suggestion: str = ""
    terms: list[Term] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.results)


def clean_query(raw: str) -> str:
    text = (raw or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]
    return " ".join(text.split())


def _expand(word: str) -> Term:
    from handreiking.models import SearchTerm

    term = Term(word=word)
    word_stem = stem(word)
    needle = word_stem if len(word_stem) >= MIN_COMPOUND_NEEDLE else None
    condition = Q(stem=word_stem) | Q(word=word)
    if needle:
        condition |= Q(word__contains=needle)
    for known, known_stem in SearchTerm.objects.filter(condition).values_list("word", "stem")[:200]:
        (term.exact if known_stem == word_stem or known == word else term.wider).add(known)
    if not term.exact and not term.wider:
        close = _close_spellings(word)
        if close:
            term.corrected = close[0]
            term.wider.update(close)
    return term


def _close_spellings(word: str) -> list[str]:
    from handreiking.models import SearchTerm

    if len(word) < 4:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM handreiking_searchterm WHERE word %% %s "
                "ORDER BY similarity(word, %s) DESC, word LIMIT 3",
                [word, word],
            )
            return [row[0] for row in cursor.fetchall()]
    candidates = SearchTerm.objects.filter(
        word__startswith=word[0], word__regex=rf"^.{{{len(word) - 2},{len(word) + 2}}}$"
    ).values_list("word", flat=True)
    return difflib.get_close_matches(word, list(candidates[:5000]), n=3, cutoff=0.8)


def search(raw_query: str) -> SearchOutcome:
    query = clean_query(raw_query)
    unique = list(dict.fromkeys(w for w in words(query) if w not in STOP_WORDS))[:MAX_WORDS]
    outcome = SearchOutcome(query=query, results=[])
    if not unique:
        return outcome
    terms = [_expand(word) for word in unique]
    outcome.terms = terms
    corrected = [t.corrected or t.word for t in terms]
    if any(t.corrected for t in terms):
        outcome.suggestion = " ".join(corrected)
    if any(not (t.exact or t.wider) for t in terms):
        return outcome  # a word that is nowhere in the text: nothing can match all words

    # Exact matches (inflections) first, then what only compounds or close spellings find.
    exact_groups = [sorted(t.exact) for t in terms]
    wide_groups = [sorted(t.exact | t.wider) for t in terms]
    found: list = []
    seen: set[int] = set()
    for groups in (exact_groups, wide_groups):
        if not all(groups):
            continue
        for section in _backend_search(groups):
            if section.pk not in seen:
                seen.add(section.pk)
                found.append(section)
        if len(found) >= MAX_RESULTS:
            break

    marks = Marks.of(
        words={w for t in terms for w in (t.exact | t.wider | {t.word})},
        needles={stem(t.word) for t in terms if len(stem(t.word)) >= MIN_COMPOUND_NEEDLE},
    )
    per_chapter: dict[int, int] = {}
    for section in found:
        if per_chapter.get(section.chapter_id, 0) >= SECTIONS_PER_CHAPTER:
            continue
        per_chapter[section.chapter_id] = per_chapter.get(section.chapter_id, 0) + 1
        url = f"/handreiking/{section.chapter_slug}/" + (
            f"#{section.anchor}" if section.anchor else ""
        )
        outcome.results.append(
            Result(
                chapter_title=section.title,
                chapter_number=section.chapter_number,
                heading=section.heading,
                url=url,
                snippet=highlight(snippet(section.body, marks), marks),
                title_html=highlight(section.heading or section.title, marks),
            )
        )
        if len(outcome.results) >= MAX_RESULTS:
            break
    return outcome


def _backend_search(groups: list[list[str]]):
    from handreiking.models import SearchSection

    base = (
        SearchSection.objects.filter(chapter__is_published=True)
        .defer("vector")
        .annotate(chapter_slug=F("chapter__slug"), chapter_number=F("chapter__number"))
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = None
        for group in groups:
            alternatives = None
            for word in group:
                one = SearchQuery(word, config="dutch", search_type="plain")
                alternatives = one if alternatives is None else alternatives | one
            query = alternatives if query is None else query & alternatives
        return list(
            base.filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", "chapter_number", "position")[: MAX_RESULTS * 2]
        )
    match = " AND ".join(
        "(" + " OR ".join(f'"{stem(word)}"' for word in group) + ")" for group in groups
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
            f"ORDER BY bm25({FTS_TABLE}, 10.0, 5.0, 1.0) LIMIT %s",
            [match, MAX_RESULTS * 2],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    by_id = {section.pk: section for section in base.filter(pk__in=ranked)}
    return [by_id[pk] for pk in ranked if pk in by_id]


@dataclass(frozen=True)
class Marks:
    """What to highlight, as one regular expression: every matched word (all inflections in
    the text are in the vocabulary) and any word containing a query stem (compounds)."""

    pattern: re.Pattern

    @classmethod
    def of(cls, *, words: set[str], needles: set[str]) -> "Marks":
        alternatives = [re.escape(w) for w in sorted(words, key=len, reverse=True)]
        alternatives += [rf"[^\W\d_]*{re.escape(n)}[^\W\d_]*" for n in sorted(needles)]
        return cls(re.compile(rf"(?<![^\W\d_])(?:{'|'.join(alternatives)})(?![^\W\d_])", re.I))


def snippet(text: str, marks: Marks, width: int = 220) -> str:
    """About `width` characters of text around the first match, cut at word boundaries."""
    if len(text) <= width:
        return text
    match = marks.pattern.search(text)
    start = max(0, (match.start() if match else 0) - width // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    before, after = ("… " if start else ""), (" …" if end < len(text) else "")
    return before + text[start:end].strip() + after


def highlight(text: str, marks: Marks) -> SafeString:
    """Escape first, then mark: the source text never reaches the page unescaped."""
    out: list[str] = []
    position = 0
    for match in marks.pattern.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
