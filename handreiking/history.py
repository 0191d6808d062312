"""Readable differences between two versions of a chapter."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COMPARED_FIELDS = (("title", "Titel"), ("summary", "Samenvatting"), ("body", "Tekst"))
_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    """Inline diff: removed words in <del>, added words in <ins>; everything escaped."""
    before, after = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(before[a1:a2])))
            continue
        if op in {"delete", "replace"}:
            out.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if op in {"insert", "replace"}:
            out.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def compare(older, newer) -> list[dict]:
    """Per field: whether it changed and the inline diff, for two historical records."""
    changes = []
    for name, label in COMPARED_FIELDS:
        old, new = getattr(older, name, "") or "", getattr(newer, name, "") or ""
        changes.append({"label": label, "changed": old != new, "diff": word_diff(old, new)})
    return changes
