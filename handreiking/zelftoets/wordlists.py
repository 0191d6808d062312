"""The word lists of the name finder (`names`) and the scrubber (`scrubbing`), read from data/.

Lists of first names, surnames and places derived from the deduce package (UMC Utrecht, see
data/README.md), plus hand-kept rules in data/name_rules.txt: triggers ("mijn naam is",
"collega", "mevrouw", "mijn zus"), particles ("van der"), first names that are also ordinary
words, and the places, institutions and phrases that stay. data/name_words.txt lists the names
that are ordinary words in lower case, so that the others count in lower case too ("ik vroeg
het aan thijs")."""

import unicodedata
from functools import cache
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parent / "data"
# Street endings: a word with one of these before a house number is a street (used by
# `scrubbing` for addresses, and by `names` to keep street names out of the name finder).
STREET_SUFFIXES = (
    "straat|laan|weg|plein|gracht|kade|singel|dreef|hof|steeg|dijk|park|plantsoen|markt|wal"
    "|boulevard|allee|dam|kanaal|veld|haven|promenade|hoven|poort|oord|hout"
)


class Lexicon(NamedTuple):
    first: frozenset[str]
    surnames: frozenset[str]
    interfix: frozenset[str]
    places: frozenset[str]
    municipalities: frozenset[str]
    rules: dict[str, frozenset[str]]
    accounts: frozenset[str]
    words: frozenset[str]


def fold(word: str) -> str:
    """Without accents, so that "Ömer" finds "Omer" in the list."""
    if word.isascii():
        return word
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )


def _entries(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and line[0] != "#"]


@cache
def lexicon() -> Lexicon:
    """Loaded once per process, on first use (about 35,000 entries)."""
    sections: dict[str, set[str]] = {}
    current = sections.setdefault("", set())
    for entry in _entries("name_rules.txt"):
        if entry.startswith("["):
            current = sections.setdefault(entry.strip("[]"), set())
        else:
            current.add(entry)
    return Lexicon(
        first=frozenset(map(fold, _entries("first_names.txt"))),
        surnames=frozenset(map(fold, _entries("surnames.txt"))),
        interfix=frozenset(map(fold, _entries("interfix_surnames.txt"))),
        places=frozenset(_entries("places.txt") + _entries("municipalities.txt")),
        municipalities=frozenset(_entries("municipalities.txt")),
        rules={name: frozenset(words) for name, words in sections.items()}
        | {
            "phrase-starts": frozenset(p.split()[0] for p in sections["phrases"]),
            # Lower-case words that can start a name: triggers, and particles ("de Vries").
            "cues": frozenset(p.split()[0] for p in sections["particles"]).union(
                *(sections[t] for t in ("titles", "abbreviated-titles", "functions", "relatives")),
                sections["signatures"],
                {"naam", "heet", "ben"},
            ),
        },
        accounts=frozenset(_entries("organisation_accounts.txt")),
        words=frozenset(_entries("name_words.txt")),
    )
