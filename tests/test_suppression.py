"""Aggregates for reviewers: small cells hidden, and no hidden cell can be worked out."""

from handreiking.zelftoets.suppression import safe_breakdown


def test_small_counts_are_shown_as_less_than_five_and_not_derivable():
    cells = safe_breakdown([("Ja", 40), ("Nee", 3), ("Weet ik niet", 12)])
    shown = {cell.label: cell.shown for cell in cells}
    assert shown["Nee"] == "< 5"
    # With the total known, one hidden cell could be worked out: the next smallest hides too.
    assert shown["Weet ik niet"] == "verborgen"
    assert shown["Ja"] == "40"


def test_two_small_counts_need_no_extra_hiding():
    shown = {c.label: c.shown for c in safe_breakdown([("a", 20), ("b", 2), ("c", 1)])}
    assert shown == {"a": "20", "b": "< 5", "c": "< 5"}


def test_a_group_under_five_is_not_shown_at_all():
    assert safe_breakdown([("Ja", 2), ("Nee", 2)]) is None


def test_zero_is_not_a_small_group():
    shown = {c.label: c.shown for c in safe_breakdown([("Ja", 9), ("Nee", 0)])}
    assert shown == {"Ja": "9", "Nee": "0"}
