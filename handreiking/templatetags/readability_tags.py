"""Template helpers for readability: the panel on the change page and the column in the history.

The numbers come from `handreiking.readability`; these helpers only decide how an editor sees
them (whole scores, the B1 verdict in words, the change against the version before).
"""

import math
from dataclasses import dataclass

from django import template

from handreiking import readability

register = template.Library()


@dataclass(frozen=True)
class VersionScore:
    """One version's score in the history, and how it changed against the version before."""

    measured: bool  # False: saved before the portal measured readability
    score: int | None  # None: measured, but too little text
    delta: int | None  # None: nothing to compare with

    @property
    def direction(self) -> str:
        if not self.delta:
            return "gelijk"
        return "makkelijker" if self.delta > 0 else "moeilijker"

    @property
    def delta_text(self) -> str:
        # A real minus sign: screen readers say "min", a hyphen they may skip.
        return f"+{self.delta}" if self.delta and self.delta > 0 else f"−{abs(self.delta or 0)}"


def shown_score(score: float | None) -> int | None:
    """The whole number an editor sees. Rounded down, so a text shown as 60 really meets the
    B1 target of 60 (59.6 shown as 60 would not)."""
    return None if score is None else math.floor(score)


@register.simple_tag
def chapter_readability(form, original=None) -> readability.Report:
    """The report for the text in the change form (the draft, or what was just typed and sent
    back with an error); for a view-only user, whose form has no text field, the chapter's
    stored report."""
    if form is not None and "body" in form.fields:
        return readability.measure(form["body"].value() or "")
    if original is not None:
        stored = readability.from_dict(original.readability)
        return stored or readability.measure(original.body)
    return readability.measure("")


@register.filter
def whole_score(score: float | None) -> int | None:
    return shown_score(score)


@register.filter
def readability_summary(report: readability.Report) -> str:
    """One sentence for screen readers after an update: only the overall figures, so an
    announcement comes when they change, not on every keystroke."""
    overall = report.overall
    if overall.score is None:
        return "Leesbaarheid: nog te weinig tekst om te meten."
    long_count = long_sentence_count(report)
    verdict = "past bij taalniveau B1" if overall.meets_b1 else "is moeilijker dan taalniveau B1"
    average = f"{overall.words_per_sentence:.1f}".replace(".", ",")
    parts = [
        f"Leesbaarheid: score {shown_score(overall.score)}, doel {readability.B1_SCORE} of hoger.",
        f"De tekst {verdict}.",
        f"Gemiddeld {average} woorden per zin.",
    ]
    if long_count:
        parts.append(f"Lange zinnen: {long_count}.")
    return " ".join(parts)


@register.filter
def with_readability(page_obj) -> list[tuple[object, VersionScore]]:
    """The history page's versions (newest first) with their scores and the change against the
    version before each. The oldest version on a page is compared with the newest on the next
    page: one query, and only when there is a next page."""
    records = list(page_obj.object_list)
    older = [*records[1:], None]
    if records and page_obj.has_next():
        older[-1] = records[-1].prev_record
    return [
        (record, version_score(record, before))
        for record, before in zip(records, older, strict=True)
    ]


def version_score(record, before) -> VersionScore:
    report = readability.from_dict(record.readability)
    if report is None:
        return VersionScore(measured=False, score=None, delta=None)
    score = shown_score(report.overall.score)
    previous = readability.from_dict(before.readability) if before is not None else None
    previous_score = shown_score(previous.overall.score) if previous is not None else None
    delta = None if score is None or previous_score is None else score - previous_score
    return VersionScore(measured=True, score=score, delta=delta)


@register.simple_tag
def readability_targets() -> dict:
    return {
        "score": readability.B1_SCORE,
        "words_per_sentence": readability.B1_SENTENCE_WORDS,
        "long_sentence": readability.LONG_SENTENCE_WORDS,
    }


@register.filter
def long_sentence_count(report: readability.Report) -> int:
    return sum(len(section.longest) for section in report.sections)
