"""General Dutch (and English) word frequencies: how ordinary a word is outside the handreiking.

From `wordfreq`, which ships its lists with the package (no network). Used for the words of a
query the text does not have: an ordinary word ("genoeg", "help", "beslis") says little about
what a reader looks for and must not veto a question, a rare one ("vakantiedagen",
"powerpoint") says the question is about something else. Also the lexicon compounds are split
against ("gedragsnormen" is "gedrag" and "normen", though the text has no "normen").

Loaded once per process, on first use: a fixed list, the same for every content version."""

import math
from functools import cache, lru_cache

import wordfreq

from handreiking.search.text import fold, stem

LANGUAGES = ("nl", "en")
# Zipf scale: log10 of uses per billion words. "de" is 7.7, "genoeg" 5.5, "integriteit" 3.9,
# "vakantiedagen" 2.9. At or below RARE (ten uses per million words) a word the text lacks
# weighs fully, at or above COMMON least.
RARE, COMMON = 4.0, 5.5
LEAST = 0.25  # the share of a full weight the most ordinary word keeps
WORD = 3.0  # a part of a compound must be at least this usual in Dutch ("normen" 4.3)
ORDINARY = 4.5  # "begrijpen", "kijken", "werken": found alone, they do not make an answer
USUAL = 3.5  # a word this usual is meant as typed, not a typo ("weken" is not "werken")


@cache
def _frequencies(language: str) -> dict[str, float]:
    """Zipf values of the words of wordfreq's small list (those used at least once per million
    words; rarer ones weigh fully anyway), accent-folded like the query (the highest wins).
    Some 29,000 words per language, loaded in milliseconds."""
    found: dict[str, float] = {}
    for word, share in wordfreq.get_frequency_dict(language, "small").items():
        if not word.isalpha():
            continue
        folded = word if word.isascii() else fold(word)
        value = math.log10(share * 1e9)
        if value > found.get(folded, 0.0):
            found[folded] = value
    return found


def _forms(word: str) -> set[str]:
    """Other forms a Dutch word may have: "beslis" of "beslissen", "deel" of "delen"."""
    found = {word + "en", word + "e", word + "t", word + word[-1:] + "en"}
    if word.endswith(("en", "te", "de")):
        found.add(word[:-2])
    if word.endswith(("t", "s", "e")):
        found.add(word[:-1])
    return found


@lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """How usual a folded word is in Dutch or English (the higher of the two); a Dutch word
    counts as usual as its most used form with the same stem ("beslis" as "beslissen")."""
    values = [_frequencies(language).get(word, 0.0) for language in LANGUAGES]
    dutch = _frequencies("nl")
    own = stem(word)
    values += [dutch.get(form, 0.0) for form in _forms(word) if stem(form) == own]
    return max(values)


def is_word(word: str) -> bool:
    """Whether a folded word is a usual Dutch word (for compound parts)."""
    return _frequencies("nl").get(word, 0.0) >= WORD


def is_usual(word: str) -> bool:
    """Whether a folded word is common enough in Dutch or English to be no typo."""
    return max(_frequencies(language).get(word, 0.0) for language in LANGUAGES) >= USUAL


def is_ordinary(text: str) -> bool:
    """Whether every word of a folded text is ORDINARY or more ("werken", "online", "oke")."""
    return all(zipf(word) >= ORDINARY for word in text.split())


def generality(word: str) -> float:
    """The share of a full weight a word the text does not have keeps: 1 for a rare word,
    LEAST for an ordinary one, in between on the Zipf scale."""
    value = zipf(word)
    return max(LEAST, min(1.0, (COMMON - value) / (COMMON - RARE)))


def warm() -> None:
    """Load the lists now (a benchmark before it measures)."""
    for language in LANGUAGES:
        _frequencies(language)
