"""Parse the handreiking's plain-text format into chapters (used by the seed migration and
`manage.py import_handreiking`).

The format: an optional document title, then chapters that start with a numbered line
("1. Title"), paragraphs separated by blank lines, lists of "- " items (indentation is ignored:
one flat list), and Markdown links. A short line that ends in "?" directly before a list becomes
a section heading (## ...).
"""

import re
from dataclasses import dataclass

from django.utils.text import slugify

_CHAPTER = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_ITEM = re.compile(r"^\s*[-*]\s+(.*)$")
_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")
MAX_HEADING_WORDS = 12


class ImportFormatError(ValueError):
    """The file is not in the handreiking's plain-text format."""


@dataclass(frozen=True)
class ParsedChapter:
    number: int
    title: str
    slug: str
    summary: str
    body: str


def _blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Group lines into ("p", [lines]) paragraphs and ("ul", [items]) lists."""
    blocks: list[tuple[str, list[str]]] = []
    for line in lines:
        if not line.strip():
            blocks.append(("", []))
            continue
        item = _ITEM.match(line)
        kind = "ul" if item else "p"
        text = (item.group(1) if item else line).strip()
        if blocks and blocks[-1][0] == kind:
            blocks[-1][1].append(text)
        elif kind == "ul" and len(blocks) >= 2 and blocks[-1][0] == "" and blocks[-2][0] == "ul":
            blocks.pop()  # a blank line inside a list keeps it one list
            blocks[-1][1].append(text)
        else:
            blocks.append((kind, [text]))
    return [b for b in blocks if b[0]]


def _body(lines: list[str]) -> str:
    blocks = _blocks(lines)
    out: list[str] = []
    for index, (kind, content) in enumerate(blocks):
        if kind == "ul":
            out.append("\n".join(f"- {item}" for item in content))
            continue
        paragraph = " ".join(content)
        next_is_list = index + 1 < len(blocks) and blocks[index + 1][0] == "ul"
        if (
            next_is_list
            and len(content) == 1
            and paragraph.endswith("?")
            and len(paragraph.split()) <= MAX_HEADING_WORDS
        ):
            out.append(f"## {paragraph}")
        else:
            out.append(paragraph)
    return "\n\n".join(out) + "\n"


def summary_of(body: str) -> str:
    for block in body.split("\n\n"):
        if block and not block.startswith(("#", "- ")):
            match = _SENTENCE.match(block.strip())
            return (match.group(1) if match else block.strip())[:400]
    return ""


def parse_handreiking(text: str) -> list[ParsedChapter]:
    if "\x00" in text:
        raise ImportFormatError("Het bestand bevat een NUL-teken; is het wel een tekstbestand?")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    chapters: list[tuple[int, str, list[str]]] = []
    preamble: list[str] = []
    for line in lines:
        heading = _CHAPTER.match(line.strip()) if not line.startswith((" ", "\t")) else None
        if heading:
            chapters.append((int(heading.group(1)), heading.group(2).strip(), []))
        elif chapters:
            chapters[-1][2].append(line.rstrip())
        elif line.strip():
            preamble.append(line.strip())
    if not chapters:
        raise ImportFormatError(
            "Geen hoofdstukken gevonden. Een hoofdstuk begint met een genummerde regel, "
            "bijvoorbeeld „1. Titel van het hoofdstuk”."
        )
    if len(preamble) > 1:
        raise ImportFormatError(
            "Vóór het eerste hoofdstuk mag alleen de titel van de handreiking staan; "
            f"gevonden: {len(preamble)} regels."
        )
    numbers = [number for number, _title, _lines in chapters]
    if len(set(numbers)) != len(numbers):
        raise ImportFormatError(f"Hoofdstuknummers komen dubbel voor: {numbers}.")
    parsed = []
    for number, title, body_lines in chapters:
        body = _body(body_lines)
        if not body.strip():
            raise ImportFormatError(f"Hoofdstuk {number} („{title}”) heeft geen tekst.")
        parsed.append(
            ParsedChapter(
                number=number,
                title=title,
                slug=slugify(title)[:100].strip("-"),
                summary=summary_of(body),
                body=body,
            )
        )
    return parsed
