"""The counting of `make chaos` (bench/chaos.py) from recorded answers, without any service:
what counts as acknowledged, lost, duplicated, a clean 503 or a failure, and the section it
writes into bench/RESULTS.md."""

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import chaos  # noqa: E402
from results import replace_section  # noqa: E402

KEPT_PAGE = b"<p>Je antwoorden zijn anoniem bewaard, samen met je tekst.</p>"
ALREADY_PAGE = b"<p>Deze keer hebben we je antwoorden niet bewaard.</p>"
PAGE_503 = b"<h1>Tijdelijk niet beschikbaar</h1>"


@pytest.mark.parametrize(
    ("kind", "status", "body", "outcome"),
    [
        (chaos.ZELFTOETS, 200, KEPT_PAGE, chaos.KEPT),
        (chaos.ZELFTOETS, 200, ALREADY_PAGE, chaos.FAILED),  # answered, but nothing kept
        (chaos.ZELFTOETS, 503, PAGE_503, chaos.UNAVAILABLE),
        (chaos.ZELFTOETS, 503, b"Service Unavailable", chaos.FAILED),  # not the Dutch page
        (chaos.ZELFTOETS, 500, b"<h1>Er ging iets mis</h1>", chaos.FAILED),
        (chaos.ZELFTOETS, None, b"", chaos.FAILED),  # connection reset, time-out
        (chaos.ZELFTOETS, 200, KEPT_PAGE + b"Traceback (most recent call last)", chaos.FAILED),
        (chaos.CHAPTER, 200, b"<h1>Hoofdstuk</h1>", chaos.OK),
        (chaos.CHAPTER, 503, PAGE_503, chaos.UNAVAILABLE),
        (chaos.HEALTH, 200, b'{"status": "degraded"}', chaos.OK),
        (chaos.HEALTH, 503, b'{"status": "error", "database": "unavailable"}', chaos.UNAVAILABLE),
        (chaos.HEALTH, 503, PAGE_503, chaos.FAILED),
    ],
)
def test_classify(kind, status, body, outcome):
    assert chaos.classify(kind, status, body) == outcome


def post(marker: str, outcome: str, started: float = 0.0, seconds: float = 0.1) -> chaos.Answer:
    return chaos.Answer(chaos.ZELFTOETS, marker, outcome, "200", started, seconds)


def test_lost_is_acknowledged_but_not_stored_and_duplicated_is_stored_twice():
    answers = [
        post("a", chaos.KEPT),
        post("b", chaos.KEPT),  # lost
        post("c", chaos.KEPT),  # stored twice
        post("d", chaos.FAILED),  # stored without acknowledgement: not lost
        post("e", chaos.UNAVAILABLE),  # neither stored nor acknowledged: not lost
        chaos.Answer(chaos.CHAPTER, "", chaos.FAILED, "ConnectionResetError", 0.0, 0.2),
        chaos.Answer(chaos.HEALTH, "", chaos.UNAVAILABLE, "503", 0.0, 2.0),
    ]
    stored = Counter({"a": 1, "c": 2, "d": 1, "not sent in this phase": 1})
    row = chaos.count("werker gedood", answers, stored)
    assert (row.sent, row.acknowledged, row.stored) == (5, 3, 4)
    assert (row.lost, row.duplicated) == (1, 1)
    assert (row.failed, row.unavailable, row.reads) == (2, 2, 2)
    assert row.stored_unacknowledged == 1
    assert row.failures == Counter({"zelftoets 200": 1, "hoofdstuk ConnectionResetError": 1})
    assert row.longest == 2.0


def test_longest_during_the_fault_counts_answers_under_way_in_its_window():
    answers = [post("a", chaos.KEPT, 0.0, 1.0), post("b", chaos.KEPT, 5.0, 9.0)]
    answers.append(post("c", chaos.KEPT, 20.0, 12.0))  # after the fault: slow, not during
    row = chaos.count("stil", answers, Counter("abc"), window=(4.0, 13.0))
    assert row.longest_during == 9.0
    assert row.longest == 12.0


def rows(lost: int = 0, duplicated: int = 0, longest: float = 1.0) -> list[chaos.Row]:
    stall = chaos.FAULTS[4].label
    assert stall.startswith("database staat")
    return [
        chaos.Row("geen storing", 10, 10, 10, lost, duplicated, 0, 0, 0.5, 0.0, 4, 0),
        chaos.Row(stall, 10, 9, 9, 0, 0, 0, 1, longest, longest, 4, 0),
    ]


def test_the_verdict_fails_only_on_lost_or_duplicated():
    lines, ok = chaos.verdict(rows())
    assert ok
    assert lines[-1] == "Geslaagd: 0 verloren en 0 dubbel in elke rij."
    assert not chaos.verdict(rows(lost=1))[1]
    assert not chaos.verdict(rows(duplicated=1))[1]
    lines, ok = chaos.verdict(rows(longest=8.3))
    assert ok
    assert "LET OP: terwijl de database stilstond duurde het langste antwoord 8.3 s" in lines[0]


def test_the_table_is_dutch_and_marks_losses():
    text = chaos.table(rows(lost=2))
    assert text.splitlines()[0].startswith("| storing | verzonden | bevestigd | opgeslagen |")
    assert "| **2** | 0 | 0 / 0 | 0.50 s |" in text


def test_the_texts_posted_survive_scrubbing_unchanged():
    from handreiking.zelftoets.scrubbing import scrub

    for fault in chaos.FAULTS:
        marker = f"chaosmeting 1a2b3c4d {fault.key} 000123"
        assert scrub(marker).text == marker


def test_each_submission_comes_from_a_computer_of_its_own():
    addresses = {chaos.address(number) for number in range(1, 70_000)}
    assert len(addresses) == 69_999


def test_the_section_replaces_its_own_and_leaves_the_others():
    previous = "# Results\n\nIntro.\n\n## Pages\n\nfast\n\n## Output of this run\n\nraw\n"
    first = replace_section(previous, chaos.HEADING, f"{chaos.HEADING} (one)\n\ntable 1\n")
    assert first == (
        "# Results\n\nIntro.\n\n## Pages\n\nfast\n\n## Faults under load (one)\n\ntable 1\n\n"
        "## Output of this run\n\nraw\n"
    )
    second = replace_section(first, chaos.HEADING, f"{chaos.HEADING} (two)\n\ntable 2\n")
    assert second == first.replace("(one)\n\ntable 1", "(two)\n\ntable 2")
    at_end = replace_section("# Results\n\n## Pages\n\nfast\n", chaos.HEADING, "## Faults x\n")
    assert at_end == "# Results\n\n## Pages\n\nfast\n\n## Faults x\n"
