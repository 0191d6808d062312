"""Readable differences between two versions of a chapter, bounded in time and size.

A word-level diff of two long texts is quadratic, so the texts are compared paragraph by
paragraph first; only changed paragraph pairs of modest length get a word-level diff, longer
ones are shown as removed and added whole."""

import difflib
import re

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

COMPARED_FIELDS = (("title", "Titel"), ("summary", "Samenvatting"), ("body", "Tekst"))
MAX_WORDS_FOR_WORD_DIFF = 400
_TOKEN = re.compile(r"\s+|[^\s]+")
_PARAGRAPH = re.compile(r"(?<=\n\n)")


def _words(old: str, new: str) -> list[str]:
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    if max(len(before), len(after)) > 2 * MAX_WORDS_FOR_WORD_DIFF:
        return [_removed(old), _added(new)]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(before[a1:a2])))
            continue
        if op in {"delete", "replace"}:
            out.append(_removed("".join(before[a1:a2])))
        if op in {"insert", "replace"}:
            out.append(_added("".join(after[b1:b2])))
    return out


def _removed(text: str) -> str:
    return f"<del>{escape(text)}</del>" if text else ""


def _added(text: str) -> str:
    return f"<ins>{escape(text)}</ins>" if text else ""


def word_diff(old: str, new: str) -> SafeString:
    """Inline diff: removed words in <del>, added words in <ins>; everything escaped."""
    before, after = _PARAGRAPH.split(old or ""), _PARAGRAPH.split(new or "")
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(before[a1:a2])))
        elif op == "replace" and a2 - a1 == b2 - b1:
            for old_part, new_part in zip(before[a1:a2], after[b1:b2], strict=True):
                out.extend(_words(old_part, new_part))
        else:
            out.append(_removed("".join(before[a1:a2])))
            out.append(_added("".join(after[b1:b2])))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def compare(older, newer) -> list[dict]:
    """Per field: whether it changed and the inline diff, for two historical records."""
    changes = []
    for name, label in COMPARED_FIELDS:
        old, new = getattr(older, name, "") or "", getattr(newer, name, "") or ""
        changes.append({"label": label, "changed": old != new, "diff": word_diff(old, new)})
    return changes


def summarise(older, newer, *, compare_url: str) -> list[dict]:
    """Like `compare`, without a diff: which fields change and by how many words, with a link
    to the full comparison. For pages that must stay fast whatever the texts are."""
    changes = []
    for name, label in COMPARED_FIELDS:
        old, new = getattr(older, name, "") or "", getattr(newer, name, "") or ""
        summary = format_html(
            '{} woorden worden {} woorden. <a href="{}">Bekijk de verschillen</a>.',
            number_format(len(old.split()), force_grouping=True),
            number_format(len(new.split()), force_grouping=True),
            compare_url,
        )
        changes.append({"label": label, "changed": old != new, "diff": summary})
    return changes
