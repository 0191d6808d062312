"""The guidance as it stood on any day: the published version readers saw at the end of a day.

Versions come from the chapter's history (django-simple-history keeps every published text);
they are rendered through today's sanitiser, once per process per version, because a version
never changes once it exists."""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone

from handreiking import markdown
from handreiking.models import Chapter


@dataclass(frozen=True)
class Version:
    history_id: int
    title: str
    summary: str
    body_html: str
    toc: list
    current_from: dt.datetime
    current_until: dt.datetime | None  # None: still what readers see


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def version_on(chapter: Chapter, day: dt.date) -> Version | None:
    """What readers saw at the end of `day`; None before the first publication or after today."""
    if day > timezone.localdate():
        return None
    published = chapter.history.filter(is_published=True).order_by("-history_date", "-history_id")
    record = published.filter(history_date__lt=_end_of(day)).first()
    if record is None:
        return None
    following = (
        chapter.history.filter(is_published=True, history_date__gt=record.history_date)
        .order_by("history_date", "history_id")
        .values_list("history_date", flat=True)
        .first()
    )
    html, toc = _rendered(record.history_id, record.body, record.title)
    return Version(
        history_id=record.history_id,
        title=record.title,
        summary=record.summary,
        body_html=html,
        toc=toc,
        current_from=record.history_date,
        current_until=following,
    )


@lru_cache(maxsize=256)
def _rendered(history_id: int, body: str, title: str) -> tuple[str, list]:
    rendered = markdown.render_chapter(body, title=title)
    return rendered.html, rendered.toc
