"""A reader's query in three plain steps: expand each word against the vocabulary of published
text, rank sections with the database's backend, present results with escaped highlights."""

from dataclasses import dataclass, field

from django.db.models import F, Q
from django.urls import reverse
from django.utils.safestring import SafeString

from handreiking.models import SearchSection, SearchTerm
from handreiking.search.backends import get_backend
from handreiking.search.text import (
    MIN_COMPOUND_NEEDLE,
    STOP_WORDS,
    Marks,
    clean_query,
    highlight,
    snippet,
    stem,
    words,
)

MAX_WORDS = 8
MAX_RESULTS = 50
SECTIONS_PER_CHAPTER = 3
EXPANSIONS_PER_WORD = 200


@dataclass
class Term:
    word: str
    exact: set[str] = field(default_factory=set)  # same stem: inflections
    wider: set[str] = field(default_factory=set)  # compounds and close spellings
    corrected: str = ""  # the close spelling we searched for instead

    @property
    def known(self) -> bool:
        return bool(self.exact or self.wider)


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


def search(raw_query: str) -> SearchOutcome:
    query = clean_query(raw_query)
    outcome = SearchOutcome(query=query, results=[])
    terms = expand(query)
    outcome.terms = terms
    if any(t.corrected for t in terms):
        outcome.suggestion = " ".join(t.corrected or t.word for t in terms)
    if terms and all(t.known for t in terms):
        outcome.results = present(rank(terms), terms)
    return outcome


# Step 1: expand


def expand(query: str) -> list[Term]:
    unique = list(dict.fromkeys(w for w in words(query) if w not in STOP_WORDS))
    return [expand_word(word) for word in unique[:MAX_WORDS]]


def expand_word(word: str) -> Term:
    """Known words with the same stem (exact), words that contain the stem (compounds), and,
    for a word that is nowhere in the text, close spellings."""
    term = Term(word=word)
    word_stem = stem(word)
    condition = Q(stem=word_stem) | Q(word=word)
    if len(word_stem) >= MIN_COMPOUND_NEEDLE:
        condition |= Q(word__contains=word_stem)
    known = SearchTerm.objects.filter(condition).values_list("word", "stem")
    for other, other_stem in known[:EXPANSIONS_PER_WORD]:
        (term.exact if other_stem == word_stem or other == word else term.wider).add(other)
    if not term.known and len(word) >= MIN_COMPOUND_NEEDLE:
        close = get_backend().close_spellings(word, SearchTerm)
        if close:
            term.corrected = close[0]
            term.wider.update(close)
    return term


# Step 2: rank


def rank(terms: list[Term]) -> list:
    """Sections where every term occurs: inflections first, then what only compounds or close
    spellings find."""
    sections = (
        SearchSection.objects.filter(chapter__is_published=True)
        .defer("vector")
        .annotate(chapter_slug=F("chapter__slug"), chapter_number=F("chapter__number"))
    )
    backend = get_backend()
    found: dict[int, object] = {}
    for groups in ([sorted(t.exact) for t in terms], [sorted(t.exact | t.wider) for t in terms]):
        if len(found) >= MAX_RESULTS or not all(groups):
            continue
        for section in backend.rank(sections, groups):
            found.setdefault(section.pk, section)
    return list(found.values())


# Step 3: present


def present(sections: list, terms: list[Term]) -> list[Result]:
    """At most a few sections per chapter, each with an escaped, highlighted snippet."""
    marks = Marks.of(
        words={w for t in terms for w in (t.exact | t.wider | {t.word})},
        needles={stem(t.word) for t in terms if len(stem(t.word)) >= MIN_COMPOUND_NEEDLE},
    )
    results: list[Result] = []
    per_chapter: dict[int, int] = {}
    for section in sections:
        shown = per_chapter.get(section.chapter_id, 0)
        if shown >= SECTIONS_PER_CHAPTER:
            continue
        per_chapter[section.chapter_id] = shown + 1
        results.append(
            Result(
                chapter_title=section.title,
                chapter_number=section.chapter_number,
                heading=section.heading,
                url=section_url(section.chapter_slug, section.anchor),
                snippet=highlight(snippet(section.body, marks), marks),
                title_html=highlight(section.heading or section.title, marks),
            )
        )
        if len(results) >= MAX_RESULTS:
            break
    return results


def section_url(slug: str, anchor: str) -> str:
    url = reverse("handreiking:chapter-detail", kwargs={"slug": slug})
    return f"{url}#{anchor}" if anchor else url
