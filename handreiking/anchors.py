"""Anchors that survive: every section anchor a chapter ever published keeps working.

When a publication drops an anchor, it is retired, never deleted:
- a renamed heading (the same place in the list of headings, other words) keeps the old id as an
  alias right before the new heading, so `/h/<id>/#old` lands on the section;
- a removed section's anchor leads to the nearest section that stayed before it (or the top of
  the chapter), with a short note that the section is gone.
An anchor that points at an anchor retired later follows it, so chains never break.

Pure functions here (which anchors retire, and where to); `handreiking.editorial.writepath` keeps
the ChapterAnchor rows and `markdown.add_anchor_aliases` puts them in the stored HTML.
"""

import difflib
from dataclasses import dataclass

RENAMED, REMOVED = "renamed", "removed"


@dataclass(frozen=True)
class Retired:
    anchor: str
    title: str
    target: str  # a current anchor, or "" for the top of the chapter
    kind: str  # RENAMED or REMOVED


def retire(old_toc: list[dict], new_toc: list[dict]) -> list[Retired]:
    """The anchors of `old_toc` that `new_toc` drops, each with where it leads now."""
    new_ids = {entry["id"] for entry in new_toc}
    matcher = difflib.SequenceMatcher(
        a=[e["title"] for e in old_toc], b=[e["title"] for e in new_toc], autojunk=False
    )
    counterpart: dict[int, int] = {}  # old position -> new position of the same section
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in {"equal", "replace"}:
            for offset in range(min(a2 - a1, b2 - b1)):
                counterpart[a1 + offset] = b1 + offset
    retired = []
    for position, entry in enumerate(old_toc):
        if entry["id"] in new_ids:
            continue
        if position in counterpart:
            target, kind = new_toc[counterpart[position]]["id"], RENAMED
        else:
            earlier = [counterpart[p] for p in range(position) if p in counterpart]
            target, kind = (new_toc[earlier[-1]]["id"] if earlier else ""), REMOVED
        retired.append(Retired(entry["id"], entry["title"], target, kind))
    return retired


def follow(targets: dict[str, str], retired: list[Retired]) -> dict[str, str]:
    """Earlier aliases whose target retired now lead where that target leads."""
    moved = {r.anchor: r.target for r in retired}
    return {anchor: moved[target] for anchor, target in targets.items() if target in moved}
