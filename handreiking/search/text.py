"""Text handling shared by indexing and querying: words, stems, snippets and highlights."""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
MIN_COMPOUND_NEEDLE = 4

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


def clean_query(raw: str) -> str:
    text = (raw or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]
    return " ".join(text.split())


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
