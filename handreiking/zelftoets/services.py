"""Writes of the zelftoets: storing a reflection anonymously, and deleting old ones."""

from datetime import date

from django.utils import timezone

from handreiking.models import Reflection
from handreiking.zelftoets.scrubbing import scrub


def submit_reflection(
    *, colleagues: str, manager: str, newspaper: str, topic: str = "", text: str = ""
) -> Reflection:
    """Store a zelftoets anonymously: scrubbed text and the local date, nothing else."""
    scrubbed = scrub(text)
    return Reflection.objects.create(
        colleagues=colleagues,
        manager=manager,
        newspaper=newspaper,
        topic=topic,
        text=scrubbed.text,
        had_personal_data=scrubbed.had_personal_data,
        submitted_on=timezone.localdate(),
    )


def purge_reflections(*, retention_days: int, today: date | None = None) -> int:
    """Delete reflections older than the retention period; returns how many."""
    deleted, _details = Reflection.objects.expired(
        today=today or timezone.localdate(), retention_days=retention_days
    ).delete()
    return deleted
