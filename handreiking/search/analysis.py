"""A reader's query as units of meaning: each word or editors' phrase with the stems that count
as finding it, how well (the word itself, a synonym, a compound, a corrected spelling) and how
much it weighs (rare words more than common ones).

For each word, in order: its own forms in the text, the editors' synonyms, compounds in the
text that contain it; failing those, the word split into parts the text has
("integriteitsregels" is "integriteit" and "regels"); failing that, the closest spelling."""

from dataclasses import dataclass, field

from handreiking.search.compounds import (
    cover,
    derived_from,
    general_cover,
    generic_head,
    particle_verb,
)
from handreiking.search.lexicon import generality, is_ordinary, is_usual
from handreiking.search.snapshot import Snapshot
from handreiking.search.text import GENERIC_WORDS, STOP_WORDS, stem, words
from handreiking.search.thesaurus import Phrase

MAX_UNITS = 8
EXACT, SYNONYM, COMPOUND = 1.0, 0.9, 0.8
SPLIT, PARTIAL, CORRECTED = 0.9, 0.8, 0.8
GENERIC_SHARE = 0.25  # an unknown generic word ("profiel") weighs a quarter of an unknown one


@dataclass
class Unit:
    label: str
    weight: float = 0.0
    stems: dict[str, float] = field(default_factory=dict)  # one-stem alternatives
    phrases: dict[frozenset[str], float] = field(default_factory=dict)  # all stems needed
    words: set[str] = field(default_factory=set)  # words of the text to highlight
    corrected: str = ""  # the spelling searched instead of the label

    @property
    def known(self) -> bool:
        return bool(self.stems or self.phrases)

    @property
    def ordinary(self) -> bool:
        """Whether every word of the label is an ordinary Dutch or English word ("werken",
        "online"): found alone, such words do not make a section an answer."""
        return is_ordinary(self.label)

    def add(self, stems: frozenset[str], quality: float) -> None:
        if len(stems) == 1:
            (only,) = stems
            self.stems[only] = max(self.stems.get(only, 0.0), quality)
        elif stems:
            self.phrases[stems] = max(self.phrases.get(stems, 0.0), quality)

    def scaled(self, factor: float) -> "Unit":
        self.stems = {s: q * factor for s, q in self.stems.items()}
        self.phrases = {p: q * factor for p, q in self.phrases.items()}
        return self

    def all_stems(self) -> set[str]:
        return set(self.stems).union(*self.phrases)


@dataclass
class Plan:
    units: list[Unit]  # as searched: corrected spellings included
    typed: list[Unit]  # as typed: a corrected word counts as not found

    @property
    def suggestion_used(self) -> bool:
        return any(u.corrected for u in self.units)


def plan(query: str, snapshot: Snapshot) -> Plan:
    units = []
    for phrase in phrases(words(query), snapshot):
        units.extend(resolve(phrase, snapshot))
        if len(units) >= MAX_UNITS:
            break
    units = units[:MAX_UNITS]
    typed = [unknown(u.label, snapshot) if u.corrected else u for u in units]
    return Plan(units=units, typed=typed)


def phrases(tokens: list[str], snapshot: Snapshot) -> list[Phrase]:
    """The query's editors' phrases ("social media") and remaining words, without stop words
    and repeats, in the order typed."""
    thesaurus, found, i = snapshot.thesaurus, {}, 0
    while i < len(tokens):
        for size in range(min(thesaurus.longest, len(tokens) - i), 1, -1):
            if thesaurus.groups_of(tuple(tokens[i : i + size])):
                found.setdefault(tuple(tokens[i : i + size]))
                i += size
                break
        else:
            if tokens[i] not in STOP_WORDS:
                found.setdefault((tokens[i],))
            i += 1
    return list(found)


def resolve(phrase: Phrase, snapshot: Snapshot) -> list[Unit]:
    unit = expand(phrase, snapshot)
    if unit.known or len(phrase) > 1:
        return [weigh(unit, snapshot)]
    word = phrase[0]
    if parts := split(word, snapshot):
        return parts
    # A usual Dutch or English word is no typo ("weken" is not "werken"). A typo of a word of
    # the text comes before a compound with a general word ("draagvalk" is "draagvlak").
    corrected = (
        "" if is_usual(word) else snapshot.vocabulary.closest(word, snapshot.thesaurus.terms)
    )
    if corrected:
        unit = expand((corrected,), snapshot).scaled(CORRECTED)
        unit.label, unit.corrected = word, corrected
        return [weigh(unit, snapshot)]
    return general_split(word, snapshot) or [unknown(word, snapshot)]


def expand(phrase: Phrase, snapshot: Snapshot) -> Unit:
    """The forms, synonyms and compounds of a word or phrase that the text has."""
    unit = Unit(label=" ".join(phrase))
    add_term(unit, phrase, EXACT, snapshot)
    for term in snapshot.thesaurus.equivalents(phrase):
        add_term(unit, term, SYNONYM, snapshot)
    return unit


def add_term(unit: Unit, term: Phrase, quality: float, snapshot: Snapshot) -> None:
    vocabulary = snapshot.vocabulary
    content = [w for w in term if w not in STOP_WORDS] or list(term)
    if len(content) > 1:
        unit.add(frozenset(stem(w) for w in content), quality)
        unit.words.update(w for w in content if w in vocabulary.df)
        return
    word = content[0]
    forms = vocabulary.inflections(word)
    if forms:
        unit.add(frozenset([stem(word)]), quality)
    for form in forms:
        unit.add(frozenset([stem(form)]), quality)
    compounds = vocabulary.compounds(word)
    for compound in compounds:
        unit.add(frozenset([stem(compound)]), COMPOUND * quality)
    unit.words |= forms | set(compounds)


def weigh(unit: Unit, snapshot: Snapshot) -> Unit:
    """Rare in the text weighs more: BM25's idf over chapters."""
    vocabulary = snapshot.vocabulary
    counts = [vocabulary.stem_df.get(s, 0) for s in unit.stems]
    counts += [min(vocabulary.stem_df.get(s, 0) for s in p) for p in unit.phrases]
    unit.weight = vocabulary.idf(max(counts, default=0))
    return unit


def unknown(word: str, snapshot: Snapshot) -> Unit:
    """A word the text does not have. A rare one weighs most, so a query about something else
    does not land on a section that only shares its common words; an ordinary one ("genoeg",
    "help") weighs as little as it says, so it never vetoes a question (general Dutch word
    frequencies decide, not the handreiking alone)."""
    vocabulary = snapshot.vocabulary
    # At least twice a word only one chapter has: also in a large text, a query about
    # something else stays below the share a section needs when it shares one rare word.
    weight = max(vocabulary.idf(0), 2 * vocabulary.idf(1)) * generality(word)
    return Unit(label=word, weight=weight * GENERIC_SHARE if word in GENERIC_WORDS else weight)


def split(word: str, snapshot: Snapshot) -> list[Unit]:
    """A compound as units of its parts: a verb after its particle ("nadenken"), a noun made
    from a known word ("ambassadeurschap"), all parts in the text, a generic last part
    ("krantentest") after a first part that is."""
    if base := particle_verb(word, snapshot) or derived_from(word, snapshot):
        return [weigh(expand((base,), snapshot).scaled(SPLIT), snapshot)]
    parts = cover(word, snapshot)
    if len(parts) > 1:
        units = [weigh(expand((p,), snapshot).scaled(SPLIT), snapshot) for p in parts]
        if parts[-1] in GENERIC_WORDS:  # "integriteitsbeleid" is about integrity
            modifier = max(u.weight for u in units[:-1])
            units[-1].weight = GENERIC_SHARE * min(units[-1].weight, modifier)
        return units
    if modifier := generic_head(word, snapshot):
        return [weigh(expand((p,), snapshot).scaled(PARTIAL), snapshot) for p in modifier]
    return []


def general_split(word: str, snapshot: Snapshot) -> list[Unit]:
    """A compound of a part the text knows and a usual Dutch word ("gedragsnormen")."""
    return [
        weigh(expand((part,), snapshot).scaled(SPLIT), snapshot)
        if known
        else unknown(part, snapshot)
        for part, known in general_cover(word, snapshot)
    ]
