"""Aggregates for reviewers: no hidden cell follows from the total or the other cells."""

import itertools
import random

import pytest

from handreiking.zelftoets.suppression import HIDDEN, hidden_labels, safe_breakdown

K = 5


def possible_values(cells, total: int) -> dict[str, set[int]]:
    """What a reviewer can work out: every hidden cell's possible values, given the shown
    cells and the shown total (hidden cells all carry the same mark)."""
    hidden = [c.label for c in cells if c.suppressed]
    rest = total - sum(c.count for c in cells if not c.suppressed)
    options: dict[str, set[int]] = {label: set() for label in hidden}
    for combination in itertools.product(range(rest + 1), repeat=len(hidden)):
        if sum(combination) == rest:
            for label, value in zip(hidden, combination, strict=True):
                options[label].add(value)
    return options


def assert_safe(counts: list[tuple[str, int]]) -> None:
    cells = safe_breakdown(counts)
    total = sum(count for _label, count in counts)
    if total < K:
        assert cells is None
        return
    hidden = [c for c in cells if c.suppressed]
    assert all(c.shown == HIDDEN for c in hidden)
    assert all(c.suppressed for c in cells if c.count < K)  # 0 included
    if hidden:
        assert len(hidden) >= 2
        assert sum(c.count for c in hidden) >= K
        for label, values in possible_values(cells, total).items():
            assert len(values) > 1, f"{label} can be worked out in {counts}"


def test_the_attack_on_the_old_overview_no_longer_works():
    # Before: "0" shown, two "< 5" cells and the total made both cells exactly 1.
    counts = [("Ja", 20), ("Nee", 1), ("Weet ik niet", 1), ("Anders", 0)]
    assert_safe(counts)
    shown = {c.label: c.shown for c in safe_breakdown(counts)}
    assert shown["Anders"] == HIDDEN  # zero is hidden too
    assert shown["Nee"] == shown["Weet ik niet"] == HIDDEN


def test_a_single_small_cell_takes_the_next_smallest_with_it():
    shown = {c.label: c.shown for c in safe_breakdown([("a", 40), ("b", 3), ("c", 12)])}
    assert shown == {"a": "40", "b": HIDDEN, "c": HIDDEN}


def test_small_cells_that_together_hold_fewer_than_k_take_more_with_them():
    hidden = hidden_labels([("a", 30), ("b", 1), ("c", 1), ("d", 9)], K)
    assert hidden == {"b", "c", "d"}


def test_large_cells_are_shown_as_they_are():
    cells = safe_breakdown([("Ja", 9), ("Nee", 6)])
    assert [(c.shown, c.suppressed) for c in cells] == [("9", False), ("6", False)]


def test_a_breakdown_under_the_group_size_is_not_shown_at_all():
    assert safe_breakdown([("Ja", 2), ("Nee", 2)]) is None


def test_the_group_size_comes_from_the_setting(settings):
    settings.ZELFTOETS_MIN_GROUP = 10
    shown = {c.label: c.shown for c in safe_breakdown([("Ja", 30), ("Nee", 7), ("X", 8)])}
    assert shown == {"Ja": "30", "Nee": HIDDEN, "X": HIDDEN}


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_cell_can_be_worked_out_for_random_breakdowns(seed):
    chance = random.Random(seed)
    cells = chance.randint(2, 5)
    counts = [(f"cel {i}", chance.choice([0, 1, 2, 3, 4, 5, 6, 9, 20])) for i in range(cells)]
    assert_safe(counts)
