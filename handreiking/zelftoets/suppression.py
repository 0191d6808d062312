"""Aggregates for reviewers that never expose a small group (employee-survey practice)."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Cell:
    label: str
    count: int
    shown: str
    suppressed: bool
    share: int = 0  # percentage of the largest shown count, for the bar chart


def safe_breakdown(counts: list[tuple[str, int]]) -> list[Cell] | None:
    """Counts safe to show: cells below the group size show as "< N", one more cell is hidden when a
    single hidden cell could be worked out from the total. None when the whole group is too
    small to show at all."""
    min_group = settings.ZELFTOETS_MIN_GROUP
    total = sum(count for _label, count in counts)
    if total < min_group:
        return None
    hidden = {label for label, count in counts if 0 < count < min_group}
    if len(hidden) == 1:
        others = sorted((count, label) for label, count in counts if label not in hidden and count)
        if others:
            hidden.add(others[0][1])
    largest = max((count for label, count in counts if label not in hidden), default=0)
    return [
        Cell(
            label=label,
            count=count,
            shown=(
                (f"< {min_group}" if count < min_group else "verborgen")
                if label in hidden
                else str(count)
            ),
            suppressed=label in hidden,
            share=0 if label in hidden or not largest else round(100 * count / largest),
        )
        for label, count in counts
    ]
