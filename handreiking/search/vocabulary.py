"""The words of the published text, in memory: inflections, compounds and spelling.

Built from the SearchTerm rows once per content version (see `snapshot`), and the same on
both databases, so expansion never depends on the database in use."""

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass, field

from handreiking.search.text import STOP_WORDS, stem, variant_stems

MIN_NEEDLE = 4  # shorter parts ("net", "rol") are inside too many unrelated words
MIN_REST = 3
MAX_COMPOUNDS = 24
MIN_TYPO_LENGTH = 5
LINKERS = ("s", "en", "e")
# A word made from another with one of these endings is an adjective, not a compound of it:
# "regelmatig" is not about "regels", "nieuwsgierig" not about "nieuws".
ADJECTIVE_ENDINGS = ("ig", "lijk", "baar", "achtig", "loos", "zaam")


def letters(word: str) -> int:
    """The set of letters of a word as bits: one edit changes at most two of them, so words
    whose sets differ in more than 2 × limit letters need no edit distance computed."""
    mask = 0
    for char in word:
        mask |= 1 << (ord(char) % 64)
    return mask


def other_word(word: str, candidate: str) -> bool:
    """Whether one only adds an ending to the other: "minister" is no typo of "ministerie",
    but "linkedinn" is one of "linkedin"."""
    short, long = sorted((word, candidate), key=len)
    return long.startswith(short) and set(long[len(short) :]) != {short[-1]}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters is one edit); above `limit`
    the exact value does not matter and `limit + 1` comes back early."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
    return current[-1]


@dataclass
class Vocabulary:
    df: dict[str, int]  # word -> number of published chapters that use it
    chapters: int
    by_stem: dict[str, set[str]] = field(default_factory=dict)
    stem_df: dict[str, int] = field(default_factory=dict)
    prefixes: list[str] = field(default_factory=list)
    suffixes: list[tuple[str, str]] = field(default_factory=list)  # reversed stem or word
    by_initial: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @classmethod
    def build(cls, counts: dict[str, int], chapters: int) -> "Vocabulary":
        # Stop words never answer a query, so they never stand for a query word either.
        df = {word: n for word, n in counts.items() if word not in STOP_WORDS}
        vocabulary = cls(df=df, chapters=chapters)
        by_stem, stem_df, by_initial = defaultdict(set), defaultdict(int), defaultdict(list)
        for word, count in df.items():
            for variant in variant_stems(word):
                by_stem[variant].add(word)
            stem_df[stem(word)] = max(stem_df[stem(word)], count)
            by_initial[word[0]].append((word, letters(word)))
        vocabulary.by_stem, vocabulary.stem_df = dict(by_stem), dict(stem_df)
        vocabulary.by_initial = dict(by_initial)
        vocabulary.prefixes = sorted(df)
        vocabulary.suffixes = sorted({(form[::-1], w) for w in df for form in (w, stem(w))})
        return vocabulary

    def idf(self, df: int) -> float:
        """BM25's inverse document frequency over chapters: rare words weigh more, a word the
        text does not have weighs most."""
        n = max(self.chapters, 1)
        return math.log(1 + (n - min(df, n) + 0.5) / (df + 0.5))

    def inflections(self, word: str) -> set[str]:
        """Words of the text that are a form of `word` (same stem under either stemmer)."""
        found = set()
        for variant in variant_stems(word):
            found |= self.by_stem.get(variant, set())
        return found

    def compounds(self, word: str) -> list[str]:
        """Words of the text that have `word` as their first part ("privépersoon" for "privé")
        or as their last ("rijksambtenaren" for "ambtenaar"); the most used first."""
        needle = stem(word)
        if len(needle) < MIN_NEEDLE or word in STOP_WORDS:
            return []
        own = self.inflections(word)
        found = set(self._starting_with(word))
        if word.startswith(needle):
            found.update(self._starting_with(needle))
        found.update(self._ending_with(needle))
        found.update(self._ending_with(word))
        found -= own
        return sorted(found, key=lambda w: (-self.df[w], w))[:MAX_COMPOUNDS]

    def _starting_with(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self.prefixes, prefix)
        found = []
        for candidate in self.prefixes[start:]:
            if not candidate.startswith(prefix):
                break
            if len(candidate) >= len(prefix) + MIN_REST and not candidate.endswith(
                ADJECTIVE_ENDINGS
            ):
                found.append(candidate)
        return found

    def _ending_with(self, needle: str) -> list[str]:
        reversed_needle = needle[::-1]
        start = bisect.bisect_left(self.suffixes, (reversed_needle, ""))
        found = []
        for reversed_form, word in self.suffixes[start:]:
            if not reversed_form.startswith(reversed_needle):
                break
            if len(reversed_form) >= len(needle) + MIN_NEEDLE:
                found.append(word)
        return found

    def is_part(self, part: str) -> bool:
        """Whether `part` can be the first part of a compound: a word of the text, or the first
        part of one ("gedrag" of "gedragscode")."""
        if len(part) < MIN_REST or part in STOP_WORDS:
            return False
        if self.inflections(part):
            return True
        return len(part) >= MIN_NEEDLE and bool(self._starting_with(part))

    def closest(self, word: str, extra: dict[str, int]) -> str:
        """The known word (or editors' term) `word` is most likely a typo of, or ""."""
        if len(word) < MIN_TYPO_LENGTH:
            return ""
        limit = 1 if len(word) < 8 else 2
        mask = letters(word)
        candidates = self.by_initial.get(word[0], []) + [
            (term, letters(term)) for term in extra if term[0] == word[0]
        ]
        scored = [
            (edit_distance(word, c, limit), -max(self.df.get(c, 0), extra.get(c, 0)), c)
            for c, other in candidates
            if abs(len(c) - len(word)) <= limit
            and (mask ^ other).bit_count() <= 2 * limit
            and c not in STOP_WORDS
            and not other_word(word, c)
        ]
        best = min((s for s in scored if s[0] <= limit), default=None)
        return best[2] if best else ""
