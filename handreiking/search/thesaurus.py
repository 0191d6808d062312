"""What editors keep for search, in memory: synonym groups and best answers.

Built once per content version (see `snapshot`); editing either replaces the version, so the
next search anywhere uses the edit."""

from collections import defaultdict
from dataclasses import dataclass, field

from handreiking.models.search import split_terms
from handreiking.search.text import STOP_WORDS, older_stem, stem, variant_stems, words

Phrase = tuple[str, ...]


def own_stems(word: str) -> set[str]:
    """The stems of a word itself under either stemmer, without the variants that drop a last
    letter: a synonym is a whole word, never the beginning of another."""
    return {stem(word), older_stem(word)}


def query_key(text: str) -> str:
    """What a best answer is filed under: the stems of the words that carry meaning, so
    "De krantentesten" and "krantentest" are the same query."""
    return " ".join(stem(w) for w in words(text) if w not in STOP_WORDS)


@dataclass
class Thesaurus:
    groups: list[list[Phrase]] = field(default_factory=list)
    by_word: dict[str, set[int]] = field(default_factory=dict)
    by_phrase: dict[Phrase, set[int]] = field(default_factory=dict)
    longest: int = 1
    terms: dict[str, int] = field(default_factory=dict)  # one-word terms, for spelling
    pins: dict[str, tuple[int, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, synonyms: list[str], pins: list[tuple[str, int, str]]) -> "Thesaurus":
        thesaurus = cls()
        by_word, by_phrase = defaultdict(set), defaultdict(set)
        for text in synonyms:
            group = [phrase for term in split_terms(text) if (phrase := tuple(words(term)))]
            if len(group) < 2:
                continue
            number = len(thesaurus.groups)
            thesaurus.groups.append(group)
            for phrase in group:
                if len(phrase) == 1:
                    # Filed under its own stems only, looked up under every variant of the
                    # reader's word: "tweets" finds "tweet", but "twee" never does.
                    thesaurus.terms[phrase[0]] = 0
                    for own in own_stems(phrase[0]):
                        by_word[own].add(number)
                else:
                    by_phrase[tuple(stem(w) for w in phrase)].add(number)
                    thesaurus.longest = max(thesaurus.longest, len(phrase))
        thesaurus.by_word, thesaurus.by_phrase = dict(by_word), dict(by_phrase)
        for query, chapter_id, anchor in pins:
            if key := query_key(query):
                thesaurus.pins.setdefault(key, (chapter_id, anchor))
        return thesaurus

    def groups_of(self, phrase: Phrase) -> set[int]:
        if len(phrase) == 1:
            found = set()
            for variant in variant_stems(phrase[0]):
                found |= self.by_word.get(variant, set())
            return found
        return set(self.by_phrase.get(tuple(stem(w) for w in phrase), set()))

    def equivalents(self, phrase: Phrase) -> list[Phrase]:
        """The other terms of every group `phrase` is in."""
        own = {tuple(stem(w) for w in phrase)}
        found: dict[Phrase, None] = {}
        for number in sorted(self.groups_of(phrase)):
            for term in self.groups[number]:
                if tuple(stem(w) for w in term) not in own:
                    found.setdefault(term)
        return list(found)

    def pin_for(self, query: str) -> tuple[int, str] | None:
        return self.pins.get(query_key(query))
