"""A reader's query in plain steps: analyse (units of meaning against the published words and
the editors' synonyms), retrieve candidates (the database's backend), rank (shared Python),
put an editor's best answer first, present with escaped highlights, and count a miss."""

from dataclasses import dataclass, field
from functools import lru_cache

from django.urls import reverse
from django.utils.safestring import SafeString

from handreiking.search.analysis import Unit, plan
from handreiking.search.backends import get_backend
from handreiking.search.contact import Ask, who_to_ask
from handreiking.search.misses import record_miss
from handreiking.search.ranking import partial, rank
from handreiking.search.retrieval import CANDIDATES, Candidate, fetch, section, with_text
from handreiking.search.snapshot import Snapshot, current
from handreiking.search.text import Marks, clean_query, highlight, snippet, words

MAX_RESULTS = 20
SECTIONS_PER_CHAPTER = 3
LITTLE = 3  # fewer results than this, and a better spelling may be worth offering


@dataclass
class Result:
    chapter_title: str
    chapter_number: int
    heading: str
    url: str
    snippet: SafeString
    title_html: SafeString
    is_best_answer: bool = False


@dataclass
class SearchOutcome:
    query: str
    results: list[Result]
    suggestion: str = ""
    # True when the results are those of the suggestion, because the query found nothing.
    searched_suggestion: bool = False
    # True when more sections answer than the results show.
    more: bool = False
    # True when no section answers the whole question and these match only part of it.
    partial: bool = False
    terms: list[Unit] = field(default_factory=list)

    @property
    def ask(self) -> Ask:
        """Who a reader can ask when the handreiking has no answer."""
        return who_to_ask()

    @property
    def count(self) -> int:
        return len(self.results)


def search(raw_query: str, *, record: bool = False) -> SearchOutcome:
    """Search the published chapters. With `record`, a query that finds nothing is counted for
    the editors (pass it only for a reader's own search, not for suggestions while typing)."""
    query = clean_query(raw_query)
    outcome = SearchOutcome(query=query, results=[])
    if query:
        find(outcome, current())
    if record and query and (outcome.partial or not outcome.results):
        record_miss(query)  # also a partial answer: the editors may add a synonym for it
    return outcome


def find(outcome: SearchOutcome, loaded: Snapshot) -> None:
    planned = plan(outcome.query, loaded)
    outcome.terms = planned.units
    stems = set().union(*(unit.all_stems() for unit in planned.units))
    candidates = fetch(get_backend().candidates(stems, CANDIDATES))
    ranked = rank(planned.typed, candidates)
    if planned.suggestion_used:
        # Offered only when the query as typed finds little and the better spelling more.
        better = rank(planned.units, candidates)
        if len(ranked) < LITTLE and len(better) > len(ranked):
            outcome.suggestion = suggestion(outcome.query, planned.units)
            if not ranked:
                ranked, outcome.searched_suggestion = better, True
    if not ranked and not loaded.thesaurus.pin_for(outcome.query):
        ranked = partial(planned.typed, candidates)
        outcome.partial = bool(ranked)
    shown = pinned(loaded.thesaurus.pin_for(outcome.query), [r.section for r in ranked])
    shown = per_chapter(shown)
    outcome.more = len(shown) > MAX_RESULTS
    outcome.results = present(with_text(shown[:MAX_RESULTS]), planned.units)


def suggestion(query: str, units: list[Unit]) -> str:
    """The query as typed, with each misspelled word replaced by the word we searched for."""
    corrections = {u.label: u.corrected for u in units if u.corrected}
    out = []
    for token in query.split():
        found = words(token)
        out.append(corrections.get(found[0], token) if len(found) == 1 else token)
    return " ".join(out)


def pinned(pin: tuple[int, str] | None, candidates: list[Candidate]) -> list[Candidate]:
    """The editors' best answer first (also when the words alone would not find it)."""
    if pin is None:
        return candidates
    first = [c for c in candidates if (c.chapter_id, c.anchor) == pin] or section(*pin)
    for candidate in first:
        candidate.is_best_answer = True
    return first + [c for c in candidates if (c.chapter_id, c.anchor) != pin]


def per_chapter(candidates: list[Candidate]) -> list[Candidate]:
    """At most a few sections of one chapter: the others get a place too."""
    seen: dict[int, int] = {}
    kept = []
    for candidate in candidates:
        seen[candidate.chapter_id] = seen.get(candidate.chapter_id, 0) + 1
        if seen[candidate.chapter_id] <= SECTIONS_PER_CHAPTER:
            kept.append(candidate)
    return kept


def present(candidates: list[Candidate], units: list[Unit]) -> list[Result]:
    """Each section with an escaped, highlighted snippet."""
    marks = Marks.of(set().union(*(u.words for u in units)))
    return [
        Result(
            chapter_title=c.title,
            chapter_number=c.chapter_number,
            heading=c.heading,
            url=section_url(c.chapter_slug, c.anchor),
            snippet=highlight(snippet(c.body, marks), marks),
            title_html=highlight(c.heading or c.title, marks),
            is_best_answer=c.is_best_answer,
        )
        for c in candidates
    ]


def section_url(slug: str, anchor: str) -> str:
    url = chapter_url(slug)
    return f"{url}#{anchor}" if anchor else url


@lru_cache(maxsize=4096)
def chapter_url(slug: str) -> str:
    # reverse() is a noticeable part of presenting twenty results; the URLconf never changes.
    return reverse("handreiking:chapter-detail", kwargs={"slug": slug})
