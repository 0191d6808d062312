"""Merging two editors' revisions of one chapter, paragraph by paragraph.

Three texts: the revision both started from (base), the colleague's (theirs) and this editor's
(mine). merge3 (Breezy's three-way merge) takes every paragraph only one of them changed; where
both changed the same paragraphs, the editor chooses: theirs, mine, or both one after the other.
Title, address and summary are single fields, merged the same way.
"""

import re
from dataclasses import dataclass, field

import merge3

THEIRS, MINE, BOTH = "theirs", "mine", "both"
FIELDS = (("title", "Titel"), ("slug", "Webadres"), ("summary", "Samenvatting"))
_PARAGRAPHS = re.compile(r"\n{2,}")


@dataclass
class Region:
    """A stretch of the merged text: settled, or a conflict for the editor to choose in."""

    settled: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)
    mine: list[str] = field(default_factory=list)

    @property
    def is_conflict(self) -> bool:
        return not self.settled and (bool(self.theirs) or bool(self.mine))

    def text(self, choice: str = "") -> list[str]:
        if not self.is_conflict:
            return self.settled
        if choice == THEIRS:
            return self.theirs
        if choice == MINE:
            return self.mine
        return [*self.theirs, *self.mine]


def paragraphs(text: str) -> list[str]:
    return [part for part in _PARAGRAPHS.split(text.strip()) if part.strip()]


def plan(base: str, theirs: str, mine: str) -> list[Region]:
    """The merged body as regions, conflicts included, in order."""
    regions: list[Region] = []
    merger = merge3.Merge3(paragraphs(base), paragraphs(theirs), paragraphs(mine))
    for group in merger.merge_groups():
        kind = group[0]
        if kind == "conflict":
            regions.append(Region(theirs=list(group[2]), mine=list(group[3])))
        elif group[1]:
            regions.append(Region(settled=list(group[1])))
    return regions


def field_plan(base: str, theirs: str, mine: str) -> Region:
    """One field: settled when only one side changed it (or both alike), else a choice."""
    if theirs == mine or mine == base:
        return Region(settled=[theirs])
    if theirs == base:
        return Region(settled=[mine])
    return Region(theirs=[theirs], mine=[mine])


def body_from(regions: list[Region], choices: dict[int, str]) -> str:
    parts: list[str] = []
    for index, region in enumerate(regions):
        parts.extend(region.text(choices.get(index, BOTH)))
    return "\n\n".join(parts)


def field_from(region: Region, choice: str) -> str:
    if not region.is_conflict:
        return region.settled[0]
    # A single line has no "both": the colleague's stands unless this editor chose their own.
    return region.mine[0] if choice == MINE else region.theirs[0]
