"""How readable a chapter's Dutch is, per section: the Flesch-Douma score, the average sentence
length and the longest sentences.

Flesch-Douma is Flesch's reading ease with Douma's Dutch weights (206.835 − 0.93 × words per
sentence − 77 × syllables per word); textstat applies them for `nl` and counts syllables with
Pyphen's Dutch hyphenation, so compounds ("informatiebeveiligingsbeleid") count as the long
words they are. Text at B1 level scores about 60 or more, with sentences of 15 words or fewer on
average (the Rijksoverheid's own writing advice).
"""

import re
from dataclasses import asdict, dataclass, field

from textstat.textstat import textstatistics

B1_SCORE = 60
B1_SENTENCE_WORDS = 15
LONG_SENTENCE_WORDS = 25
LONGEST_SHOWN = 3

# One instance with the Dutch configuration, set once: textstat's module-level object is shared
# and its language is global state.
_DUTCH = textstatistics()
_DUTCH.set_lang("nl")

_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*(?:\{#[^}]*\})?\s*#*\s*$")
_FENCE = re.compile(r"^(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`>|]+|<[^>]+>")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"'„“(]?[A-Z0-9À-Ý])")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass(frozen=True)
class Score:
    title: str
    score: float | None  # None: too little text to measure
    words: int
    sentences: int
    words_per_sentence: float
    longest: list[dict] = field(default_factory=list)  # {"text": ..., "words": ...}

    @property
    def meets_b1(self) -> bool:
        return self.score is None or (
            self.score >= B1_SCORE and self.words_per_sentence <= B1_SENTENCE_WORDS
        )


@dataclass(frozen=True)
class Report:
    overall: Score
    sections: list[Score]

    def as_dict(self) -> dict:
        return {
            "overall": asdict(self.overall),
            "sections": [asdict(section) for section in self.sections],
        }


def measure(body: str) -> Report:
    """The readability of a chapter's Markdown, per `##`/`###` section and overall."""
    parts = _split(body or "")
    sections = [_score(title, sentences) for title, sentences in parts if sentences]
    everything = [sentence for _title, sentences in parts for sentence in sentences]
    return Report(overall=_score("", everything), sections=sections)


def from_dict(data: dict) -> Report | None:
    """A stored report (a chapter's or a version's `readability`), or None for a version saved
    before the portal measured readability."""
    if not data or "overall" not in data:
        return None
    return Report(
        overall=Score(**data["overall"]),
        sections=[Score(**section) for section in data.get("sections", [])],
    )


def _split(body: str) -> list[tuple[str, list[str]]]:
    """Sections (the text before the first heading is untitled) with their sentences. Code
    blocks are left out; a heading, a list item and a table row are sentences of their own."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    paragraph: list[str] = []
    in_code = False

    def flush() -> None:
        if paragraph:
            parts[-1][1].extend(_sentences(" ".join(paragraph)))
            paragraph.clear()

    for line in body.splitlines():
        if _FENCE.match(line.strip()):
            flush()
            in_code = not in_code
            continue
        if in_code or line.startswith("    "):
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            parts.append((_plain(heading.group(2)), []))
        elif not line.strip():
            flush()
        elif _LIST_ITEM.match(line) or line.lstrip().startswith("|"):
            flush()
            paragraph.append(_LIST_ITEM.sub("", line))
            flush()
        else:
            paragraph.append(line.strip())
    flush()
    return parts


def _plain(text: str) -> str:
    return " ".join(_MARKUP.sub(" ", _LINK.sub(r"\1", text)).split())


def _sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in _SENTENCE_END.split(_plain(text))) if _words(s)]


def _words(sentence: str) -> int:
    return len(_WORD.findall(sentence))


def _score(title: str, sentences: list[str]) -> Score:
    words = sum(_words(sentence) for sentence in sentences)
    per_sentence = round(words / len(sentences), 1) if sentences else 0.0
    score = None
    if words >= 10:
        # Our own sentence split (list items and headings count as sentences), textstat's
        # Dutch syllables: 206.835 − 0.93 × ASL − 77 × ASW.
        syllables = sum(_DUTCH.syllable_count(sentence) for sentence in sentences)
        score = round(206.835 - 0.93 * (words / len(sentences)) - 77 * (syllables / words), 1)
    longest = sorted(
        ({"text": sentence, "words": _words(sentence)} for sentence in sentences),
        key=lambda item: -item["words"],
    )
    return Score(
        title=title,
        score=score,
        words=words,
        sentences=len(sentences),
        words_per_sentence=per_sentence,
        longest=[item for item in longest if item["words"] > LONG_SENTENCE_WORDS][:LONGEST_SHOWN],
    )
