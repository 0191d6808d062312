"""What readers could not find: per week, how often the same words found nothing.

Stored as counts only (week, words, count): no row per search, no day or time, no address, no
session. The words are scrubbed of personal data with the zelftoets's scrubber and normalised
(lower case, no accents, no punctuation) before they touch the database. Editors see a row
only when at least MIN_SEARCHES searches in that week used the same words; rows are deleted
RETENTION_DAYS after their week began."""

import re
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from handreiking.models import SearchMiss, week_start
from handreiking.search.text import MAX_QUERY_LENGTH, fold_text
from handreiking.zelftoets.scrubbing import scrub

RETENTION_DAYS = 90
MIN_SEARCHES = 3
_KEEP = re.compile(r"[^\w\s\[\]-]|_")


def normalise(query: str) -> str:
    """The scrubbed words, lower case and without accents; "[naam]" and the like stay."""
    scrubbed = scrub(query).text
    return " ".join(_KEEP.sub(" ", fold_text(scrubbed)).split())[:MAX_QUERY_LENGTH]


def record_miss(query: str, *, today: date | None = None) -> None:
    words = normalise(query)
    if not words:
        return
    today = today or timezone.localdate()
    week = week_start(today)
    rows = SearchMiss.objects.filter(week=week, query=words)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            SearchMiss.objects.create(week=week, query=words, count=1)
    except IntegrityError:  # another request made the row in the meantime
        rows.update(count=F("count") + 1)
        return
    # A new row, so a new week may have begun: the oldest counts go now, even without cron.
    purge_misses(today=today)


def purge_misses(*, today: date | None = None) -> int:
    """Delete the counts of weeks that began RETENTION_DAYS ago or longer; returns how many."""
    cutoff = (today or timezone.localdate()) - timedelta(days=RETENTION_DAYS)
    deleted, _by_model = SearchMiss.objects.filter(week__lte=cutoff).delete()
    return deleted
