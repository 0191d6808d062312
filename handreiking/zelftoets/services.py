"""Writes of the zelftoets: keeping a reflection anonymously, and deleting old ones."""

from datetime import date

from django.utils import timezone

from handreiking.models import HeldReflection, Reflection
from handreiking.zelftoets import release
from handreiking.zelftoets.scrubbing import scrub


def submit_reflection(
    *,
    source: str,
    form: str = "",
    colleagues: str,
    manager: str,
    newspaper: str,
    topic: str = "",
    text: str = "",
) -> release.Held:
    """Keep a zelftoets anonymously: the answers and the scrubbed text, held until its period
    ends (see `release`). `source` (the client address) only decides whether this source
    already has a reflection in the period, `form` (the token of the page view) whether this is a
    retry of one kept before; neither is stored."""
    scrubbed = scrub(text)
    answers = {
        "colleagues": colleagues,
        "manager": manager,
        "newspaper": newspaper,
        "topic": topic,
        "text": scrubbed.text,
        "had_personal_data": scrubbed.had_personal_data,
    }
    return release.hold(answers=answers, source=source, form=form, now=timezone.now())


def purge_reflections(*, retention_days: int, today: date | None = None) -> int:
    """Delete reflections, released or still held, older than the retention period; returns
    how many."""
    today = today or timezone.localdate()
    released, _details = Reflection.objects.expired(
        today=today, retention_days=retention_days
    ).delete()
    held, _details = HeldReflection.objects.expired(
        today=today, retention_days=retention_days
    ).delete()
    return released + held
