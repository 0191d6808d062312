"""Readable differences between two versions of a chapter, bounded in time and size.

Both sides are normalised first (`normalise_text`): line endings, spaces at the ends of lines
and Unicode forms are no change, so saving an unchanged text never shows a difference.

The body is compared as readers see it: both sides are rendered and sanitised by the project's
one renderer, then compared word by word with lxml's HTML diff (lxml.html.diff), so headings,
lists and links stay headings, lists and links; the result passes the sanitiser again. Title,
summary and the body's Markdown (one click away) get a plain word diff.

A word-level diff of two long texts is quadratic, so both diffs work in blocks first
(paragraphs of Markdown, top-level elements of HTML); only changed blocks of modest length get
a word-level diff, longer ones are shown as removed and added whole.
"""

import difflib
import re

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from handreiking.editorial.text import normalise_text
from handreiking.htmldiff import opcodes, rendered_diff

SAME_FOR_READERS = (
    "Lezers zien hier geen verschil. Alleen de Markdown-tekst is anders, bijvoorbeeld een ander "
    "teken voor een lijst of een extra witregel."
)
NOT_RENDERED = (
    "Deze tekst is te groot om te laten zien zoals lezers hem zien. "
    "U ziet de verschillen in de Markdown-tekst."
)
# Everything of a version readers see, so a reviewer sees every change they approve: the
# number (the chapter's place) and the address (slug) too.
COMPARED_FIELDS = (
    ("number", "Nummer"),
    ("title", "Titel"),
    ("slug", "Webadres"),
    ("summary", "Samenvatting"),
    ("body", "Tekst"),
)
# Fields shown as readers see them (rendered Markdown); the others are plain text.
RENDERED_FIELDS = {"body"}
MAX_WORDS_FOR_WORD_DIFF = 400  # per paragraph; a longer one is shown removed and added whole
MAX_WORDS_WORD_DIFFED = 20_000  # per comparison, both sides together
# Rendering time grows faster than the text for some Markdown (measured: 1,000 links in one
# paragraph 1.5 s in Python-Markdown; 2,000 equal headings 0.3 s in the heading anchors, 28,000
# of them 99 s). Past these counts the body is compared as Markdown only.
MAX_BLOCKS_TO_RENDER = 5_000  # paragraphs, list items, table rows, headings, quotes
MAX_HEADINGS_TO_RENDER = 1_000
MAX_LINK_WORK_TO_RENDER = 250_000  # per paragraph the square of its links and images, summed
_BLOCK_START = re.compile(r"\n\n|^[ \t]*(?:[-*+] |\d+[.)] |#|>|\|)", re.M)
_HEADING_LINE = re.compile(r"^[ \t]*#|^[ \t]*(?:=+|-+)[ \t]*$", re.M)
# A word with the spaces after it: half the tokens of words and spaces apart, and no token
# (the space) that is in every other place, which made the matcher slow.
_TOKEN = re.compile(r"\S+[^\S\n]*|\s+")
_PARAGRAPH = re.compile(r"(?<=\n\n)")
_INSERTED = re.compile(r"<ins>.*?</ins>", re.S)
_DELETED = re.compile(r"<del>.*?</del>", re.S)


class _WordDiff:
    """Paragraph by paragraph, then word by word within the bounds above."""

    def __init__(self) -> None:
        self.budget = MAX_WORDS_WORD_DIFFED

    def paragraphs(self, old: str, new: str) -> str:
        before, after = _PARAGRAPH.split(old), _PARAGRAPH.split(new)
        out: list[str] = []
        for op, a1, a2, b1, b2 in opcodes(before, after):
            if op == "equal":
                out.append(escape("".join(before[a1:a2])))
            elif op == "replace" and a2 - a1 == b2 - b1:
                for old_part, new_part in zip(before[a1:a2], after[b1:b2], strict=True):
                    out.extend(self.words(old_part, new_part))
            else:
                out.append(_removed("".join(before[a1:a2])))
                out.append(_added("".join(after[b1:b2])))
        return "".join(out)

    def words(self, old: str, new: str) -> list[str]:
        before, after = _TOKEN.findall(old), _TOKEN.findall(new)
        words = len(before) + len(after)
        if max(len(before), len(after)) > MAX_WORDS_FOR_WORD_DIFF or words > self.budget:
            return [_removed(old), _added(new)]
        self.budget -= words
        out: list[str] = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                out.append(escape("".join(before[a1:a2])))
                continue
            removed, added = "".join(before[a1:a2]), "".join(after[b1:b2])
            # A word replaced by another: the space after both is no part of the change.
            space = removed[len(removed.rstrip()) :]
            if removed and added and added.endswith(space):
                removed, added = (
                    removed[: len(removed) - len(space)],
                    added[: len(added) - len(space)],
                )
            else:
                space = ""
            out.extend((_removed(removed), _added(added), escape(space)))
        return out


def _removed(text: str) -> str:
    return f"<del>{escape(text)}</del>" if text else ""


def _added(text: str) -> str:
    return f"<ins>{escape(text)}</ins>" if text else ""


def word_diff(old: str, new: str) -> SafeString:
    """Inline diff: removed words in <del>, added words in <ins>; everything escaped."""
    diff = _WordDiff().paragraphs(old or "", new or "")
    return mark_safe(diff)  # noqa: S308 - every piece is escaped (_WordDiff, _removed, _added)


def _plain(old: str, new: str) -> dict:
    diff = word_diff(old, new)
    return {
        "diff": diff,
        # The word diff is flat and escaped: a mark never contains another tag.
        "old_html": mark_safe(_INSERTED.sub("", diff)),  # noqa: S308 - parts of an escaped diff
        "new_html": mark_safe(_DELETED.sub("", diff)),  # noqa: S308 - parts of an escaped diff
        "same_for_readers": False,
    }


def renders_quickly(text: str) -> bool:
    """Whether the project's renderer gets through this text in well under a second."""
    if len(_BLOCK_START.findall(text)) > MAX_BLOCKS_TO_RENDER:
        return False
    if len(_HEADING_LINE.findall(text)) > MAX_HEADINGS_TO_RENDER:
        return False
    link_work = sum(paragraph.count("[") ** 2 for paragraph in text.split("\n\n"))
    return link_work <= MAX_LINK_WORK_TO_RENDER


def _unknown(older, newer, name: str) -> bool:
    """A number or address one side does not record (a revision from before numbers were kept,
    the empty "before" of a first publication): no row rather than a change that is none."""
    optional = name in {"number", "slug"}
    return optional and None in (getattr(older, name, None), getattr(newer, name, None))


def compare(older, newer) -> list[dict]:
    """Per field of two versions (historical records, chapters, revisions): its `label`,
    whether it `changed`, the inline `diff` and both sides (`old_html`, `new_html`) for reading
    side by side. A rendered field (`rendered`: the body) also has `raw_diff`, the word diff of
    its Markdown, and `same_for_readers`: the Markdown changed but readers see the same."""
    changes = []
    for name, label in COMPARED_FIELDS:
        if _unknown(older, newer, name):
            continue
        old = normalise_text(str(getattr(older, name, "") or ""))
        new = normalise_text(str(getattr(newer, name, "") or ""))
        change = {"label": label, "changed": old != new, "rendered": False, "note": ""}
        if name not in RENDERED_FIELDS:
            change.update(_plain(old, new), raw_diff=None)
        elif renders_quickly(old) and renders_quickly(new):
            change.update(rendered_diff(old, new), rendered=True, raw_diff=word_diff(old, new))
            if change["changed"] and change["same_for_readers"]:
                change["note"] = SAME_FOR_READERS
        else:
            change.update(_plain(old, new), raw_diff=None, note=NOT_RENDERED)
        changes.append(change)
    return changes


def summarise(older, newer, *, compare_url: str) -> list[dict]:
    """Like `compare`, without a diff: which fields change and by how many words, with a link
    to the full comparison. For pages that must stay fast whatever the texts are."""
    changes = []
    for name, label in COMPARED_FIELDS:
        if _unknown(older, newer, name):
            continue
        if _unknown(older, newer, name):
            continue
        old = normalise_text(str(getattr(older, name, "") or ""))
        new = normalise_text(str(getattr(newer, name, "") or ""))
        summary = format_html(
            '{} woorden worden {} woorden. <a href="{}">Bekijk de verschillen</a>.',
            number_format(len(old.split()), force_grouping=True),
            number_format(len(new.split()), force_grouping=True),
            compare_url,
        )
        changes.append({"label": label, "changed": old != new, "diff": summary})
    return changes
