"""Release periods: reflections are collected for ZELFTOETS_RELEASE_DAYS (a week by default,
Monday to Monday, local time) and released together when the period ends."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from handreiking.models import ReleasePeriod

# Periods are counted from this Monday, so a week-long period runs from Monday to Monday.
EPOCH = date(1970, 1, 5)


def next_boundary(moment: datetime, *, days: int | None = None) -> datetime:
    """The first period boundary strictly after `moment`: local midnight starting a day that is a
    whole number of periods after EPOCH."""
    days = settings.ZELFTOETS_RELEASE_DAYS if days is None else days
    day = timezone.localtime(moment).date()
    boundary = day + timedelta(days=days - (day - EPOCH).days % days)
    return timezone.make_aware(datetime.combine(boundary, time.min))


def current(*, now: datetime) -> ReleasePeriod:
    """The period that collects submissions now. The first one starts with the first
    submission or release run; after that only `release.release_due` starts a period."""
    period = ReleasePeriod.objects.current()
    if period is None:
        period, _created = ReleasePeriod.objects.get_or_create(
            number=1, defaults={"closes_at": next_boundary(now)}
        )
    return period
