"""Which candidate sections answer a query, best first: the same Python on both databases.

A section's *share* is how much of the query it matches: each unit's weight (rare words weigh
more) times how well it matched (the word itself, a synonym, a compound, a corrected spelling).
Its *score* adds where the match is: title above heading above text (a chapter's title says
what all its sections are about). Sections rank by share, then score, then *breadth* (how many
of the words found, synonyms included, a section has). A section matching less than 40 % of the
query is no answer to it: a word the text does not have weighs most, so a question about
something else does not land on a section that only shares a common word with it."""

from dataclasses import dataclass

from handreiking.search.analysis import Unit
from handreiking.search.retrieval import Candidate

FIELD_WEIGHTS = (4.0, 2.0, 1.0)  # chapter title, section heading, section text
MIN_SHARE = 0.4
EPSILON = 1e-9


@dataclass
class Ranked:
    section: Candidate
    share: float
    score: float
    breadth: float

    @property
    def key(self) -> tuple:
        s = self.section
        scores = (self.share, self.score, self.breadth)
        return (*(-round(x, 6) for x in scores), s.chapter_number, s.position)


def match(unit: Unit, stems: frozenset[str]) -> list[float]:
    """The qualities of the alternatives of `unit` present among `stems`."""
    found = [unit.stems[s] for s in stems.intersection(unit.stems)]
    return found + [quality for phrase, quality in unit.phrases.items() if phrase <= stems]


def rank(units: list[Unit], candidates: list[Candidate]) -> list[Ranked]:
    units = [unit for unit in units if unit.weight]
    total = sum(unit.weight for unit in units)
    known = [unit for unit in units if unit.known]
    if not known:
        return []
    ranked = []
    for candidate in candidates:
        share = score = breadth = 0.0
        for unit in known:
            found = [match(unit, stems) for stems in candidate.stems]
            best = [max(qualities, default=0.0) for qualities in found]
            share += unit.weight * max(best)
            score += unit.weight * sum(w * q for w, q in zip(FIELD_WEIGHTS, best, strict=True))
            breadth += unit.weight * max(len(qualities) for qualities in found)
        if share / total >= MIN_SHARE - EPSILON:
            ranked.append(Ranked(candidate, share / total, score, breadth))
    return sorted(ranked, key=lambda r: r.key)
