"""Which candidates answer a query, best first: the same Python on both databases.

A section's *share* is how much of the query it matches: each unit's weight (rare words weigh
more) times how well it matched (the word itself, a synonym, a compound, a corrected spelling).
Its *score* adds where the match is: title above heading above text (a chapter's title says
what all its sections are about). Sections rank by share, then score, then *breadth* (how many
of the words found, synonyms included, a section has). A section matching less than 40 % of the
query is no answer to it: a word the text does not have weighs as much as it is rare in general
Dutch, so a question about something else does not land on a section that only shares a common
word with it; and when such a rarer word is missing, a section must match more than ordinary
words ("werken", "online") to answer.

When nothing answers, `partial` may offer the sections that match part of the question, under
a heading that says so: only when every word the text lacks is an ordinary one ("genoeg",
"vertellen"), so that the question is the text's subject in other words rather than another
subject ("laptop", "parkeren"), and only sections that match a word that is not ordinary
("meelezen", not "werken": "thuis werken met kinderen" gets nothing)."""

from dataclasses import dataclass

from handreiking.search.analysis import Unit
from handreiking.search.retrieval import Candidate

FIELD_WEIGHTS = (4.0, 2.0, 1.0)  # chapter title, section heading, section text
MIN_SHARE = 0.4
PARTIAL_SHARE = 0.2  # the second pass: a fifth of the question, in words the text knows
PARTIAL_RESULTS = 3
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


def rank(
    units: list[Unit], candidates: list[Candidate], least: float = MIN_SHARE, telling: bool = False
) -> list[Ranked]:
    """Sections with at least `least` of the query, best first. Only sections that match a
    word that is not an ordinary one count when `telling` is asked, or when the query has a
    word the text lacks that is not ordinary either ("laptop aanvragen" is about a laptop, not
    about the text's "vragen")."""
    units = [unit for unit in units if unit.weight]
    total = sum(unit.weight for unit in units)
    known = [unit for unit in units if unit.known]
    if not known:
        return []
    ordinary = {id(unit) for unit in units if unit.ordinary}
    telling |= any(id(unit) not in ordinary for unit in units if not unit.known)
    ranked = []
    for candidate in candidates:
        share = score = breadth = 0.0
        specific = False
        for unit in known:
            found = [match(unit, stems) for stems in candidate.stems]
            best = [max(qualities, default=0.0) for qualities in found]
            share += unit.weight * max(best)
            score += unit.weight * sum(w * q for w, q in zip(FIELD_WEIGHTS, best, strict=True))
            breadth += unit.weight * max(len(qualities) for qualities in found)
            specific |= max(best) > 0 and id(unit) not in ordinary
        if share / total >= least - EPSILON and (specific or not telling):
            ranked.append(Ranked(candidate, share / total, score, breadth))
    return sorted(ranked, key=lambda r: r.key)


def partial(units: list[Unit], candidates: list[Candidate]) -> list[Ranked]:
    """The second pass when `rank` found nothing: the best few sections for the words the text
    knows, if every word it lacks is an ordinary one; [] for a question about something else."""
    lacking = [unit for unit in units if unit.weight and not unit.known]
    if not all(unit.ordinary for unit in lacking):
        return []
    return rank(units, candidates, least=PARTIAL_SHARE, telling=True)[:PARTIAL_RESULTS]
