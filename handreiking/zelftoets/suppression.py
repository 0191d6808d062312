"""Aggregates for reviewers that cannot be solved or differenced.

The rule, applied to every breakdown the overview shows (each one counts one question, the topic
or the month over all released reflections; the overview offers no filters, so no two tables
count overlapping parts of the same group):

1. A breakdown is shown only when its total is at least the group size k
   (ZELFTOETS_MIN_GROUP); the total is then shown.
2. Every cell below k is hidden, 0 included (primary suppression): "0" would tell that a hidden
   cell means 1 to k-1 people.
3. Complementary suppression: while fewer than two cells are hidden, or the hidden cells
   together hold fewer than k reflections, the smallest shown cell is hidden too. So a hidden
   cell never follows from the total and the shown cells (that needs one hidden cell, or a
   hidden sum of 0), and whatever the hidden cells hold together is itself a group of at least k.
4. Every hidden cell shows the same mark, whatever hides it, so the mark says nothing about the
   size of the cell.

Differencing two looks at the overview is closed by release in groups: the counts change only
when a whole group is released (see `handreiking.zelftoets.release`).
"""

from dataclasses import dataclass

from django.conf import settings

HIDDEN = "verborgen"


@dataclass(frozen=True)
class Cell:
    label: str
    count: int
    shown: str
    suppressed: bool
    share: int = 0  # percentage of the largest shown count, for the bar chart


def hidden_labels(counts: list[tuple[str, int]], k: int) -> set[str]:
    """The labels to hide under the rule above."""
    hidden = {label for label, count in counts if count < k}
    visible = sorted((count, label) for label, count in counts if label not in hidden)

    def hidden_sum() -> int:
        return sum(count for label, count in counts if label in hidden)

    while hidden and visible and (len(hidden) < 2 or hidden_sum() < k):
        hidden.add(visible.pop(0)[1])
    return hidden


def safe_breakdown(counts: list[tuple[str, int]]) -> list[Cell] | None:
    """Cells safe to show, or None when the whole breakdown covers too few reflections."""
    k = settings.ZELFTOETS_MIN_GROUP
    if sum(count for _label, count in counts) < k:
        return None
    hidden = hidden_labels(counts, k)
    largest = max((count for label, count in counts if label not in hidden), default=0)
    return [
        Cell(
            label=label,
            count=count,
            shown=HIDDEN if label in hidden else str(count),
            suppressed=label in hidden,
            share=0 if label in hidden or not largest else round(100 * count / largest),
        )
        for label, count in counts
    ]
