"""Release on a schedule, from distinct sources: what a reviewer sees changes only by a whole
group at a time, and nobody can fill a group around one colleague's reflection.

A submission is held (HeldReflection) in the current release period, invisible to reviewers and
absent from every count, filter, overview and export. Each source (the client address as the
trusted proxies vouch for it) has at most one reflection kept per period: a keyed mark
(SourceMark, `handreiking.zelftoets.sources`) says it already has one. When the period ends,
`manage.py release_reflections` starts the next one, deletes the marks and, when the period
holds at least ZELFTOETS_MIN_GROUP reflections (so from at least that many sources), releases
them in random order, together with any earlier ones that waited because their own period had
too few. Each carries only the week the period ended in. To flood a group around one colleague
an insider needs ZELFTOETS_MIN_GROUP - 1 other computers, and the pool's size is shown nowhere.

After a release the tables that held submissions are rewritten (`compact`), so the database
files keep neither dead copies of the held rows nor the order in which they arrived.
"""

import random
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from handreiking.models import (
    ContentVersion,
    HeldReflection,
    Reflection,
    ReflectionStatus,
    ReleasePeriod,
    SourceMark,
    week_start,
)
from handreiking.models.content import SINGLETON
from handreiking.zelftoets import periods, sources

_shuffle = random.SystemRandom().shuffle


class Held(NamedTuple):
    # False when this source already had a reflection kept in this period: nothing was stored.
    kept: bool
    # True when this very form was kept before (a retry after a lost answer): nothing was
    # stored now, and the answer is that it was kept.
    again: bool
    # The content version (the advice page is kept per version), read in the same statement
    # on PostgreSQL and in the same transaction on SQLite: nothing that could fail is left
    # after the commit, so an acknowledged submission is never retried.
    version: str


class Released(NamedTuple):
    # The period that ended in this run, or None when none was due.
    closed: int | None
    # How many reflections reviewers can now see (0: the period had too few; they wait).
    released: int


# One statement, committed on its own: the mark goes in if the period is still the current one
# and unless this source, or this form, already has one in it, and only then the reflection;
# `again` (read from the statement's snapshot, so never the mark it adds itself) says whether
# this form was kept before.
# gen_random_uuid() draws the id from the server's strong random source.
_COLUMNS = "colleagues, manager, newspaper, topic, text, had_personal_data"
_HOLD_SQL = f"""
WITH current AS (
    SELECT max(number) AS number FROM {{period}}
), mark AS (
    INSERT INTO {{mark}} (period, tag, form)
    SELECT %(period)s, %(tag)s, %(form)s FROM current WHERE current.number = %(period)s
    ON CONFLICT DO NOTHING
    RETURNING period
), kept AS (
    INSERT INTO {{held}} (id, {_COLUMNS}, period, held_since)
    SELECT gen_random_uuid(), %(colleagues)s, %(manager)s, %(newspaper)s, %(topic)s, %(text)s,
           %(had_personal_data)s, period, %(held_since)s
    FROM mark
    RETURNING 1
)
SELECT (SELECT count(*) FROM kept),
       EXISTS (SELECT 1 FROM {{mark}} WHERE period = %(period)s AND form = %(form)s
               AND form <> ''),
       (SELECT token FROM {{version}} WHERE id = {SINGLETON:d}),
       (SELECT number FROM current)
"""  # noqa: S608 (table and column names from the models; every value is a parameter)

_MARK_SQL = "INSERT INTO {mark} (period, tag, form) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING"
_AGAIN_SQL = "SELECT EXISTS (SELECT 1 FROM {mark} WHERE period = %s AND form = %s AND form <> '')"  # noqa: S608


def _tables() -> dict[str, str]:
    quote = connection.ops.quote_name
    return {
        "held": quote(HeldReflection._meta.db_table),
        "mark": quote(SourceMark._meta.db_table),
        "version": quote(ContentVersion._meta.db_table),
        "period": quote(ReleasePeriod._meta.db_table),
    }


class _LastPeriod:
    """The period this process last held a submission in. It changes once per period (only
    `release_due` starts one), so the hold statement checks it instead of reading it first: one
    round trip per submission, and a second one only in the first submission of a period."""

    number: int | None = None


_last_period = _LastPeriod()


def _parameters(*, answers: dict, source: str, form: str, now: datetime, period: int) -> dict:
    return {name: answers[name] for name in HeldReflection.ANSWER_FIELDS} | {
        "period": period,
        "tag": sources.source_tag(source, period=period),
        "form": sources.keyed_digest(form, purpose=f"form:{period}") if form else "",
        "held_since": week_start(timezone.localdate(now)),
    }


def hold(*, answers: dict, source: str, form: str, now: datetime) -> Held:
    """Keep one submission in the current period, unless its source already has one there, or
    this form (`form`: the token of one page view, "" when unknown) was kept already."""
    if connection.vendor == "postgresql":
        for _attempt in range(3):
            period = _last_period.number or periods.current(now=now).number
            parameters = _parameters(
                answers=answers, source=source, form=form, now=now, period=period
            )
            with connection.cursor() as cursor:
                cursor.execute(_HOLD_SQL.format(**_tables()), parameters)
                kept, again, version, current = cursor.fetchone()
            if current == period:
                _last_period.number = period
                return Held(bool(kept), bool(again), version or "")
            # A new period began (or, in tests, the periods were emptied): nothing was held.
            _last_period.number = current
        raise RuntimeError("the current release period kept changing")
    period = periods.current(now=now).number
    parameters = _parameters(answers=answers, source=source, form=form, now=now, period=period)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(_AGAIN_SQL.format(**_tables()), [period, parameters["form"]])
            again = bool(cursor.fetchone()[0])
            cursor.execute(
                _MARK_SQL.format(**_tables()), [period, parameters["tag"], parameters["form"]]
            )
            kept = cursor.rowcount == 1
        if kept:
            HeldReflection.objects.create(
                **{name: parameters[name] for name in HeldReflection.ANSWER_FIELDS},
                period=period,
                held_since=parameters["held_since"],
            )
        return Held(kept, again, ContentVersion.objects.current())


def release_due(*, now: datetime, close_period: bool = False) -> Released:
    """End the current period when its moment has come (or at once with `close_period`), and
    release its reflections when there are enough. Two runs at once end a period only once."""
    periods.current(now=now)  # the first run starts the first period
    with transaction.atomic():
        period = ReleasePeriod.objects.select_for_update().order_by("-number").first()
        if ReleasePeriod.objects.filter(number__gt=period.number).exists():
            return Released(None, 0)  # another run ended it while this one waited
        if not close_period and now < period.closes_at:
            return Released(None, 0)
        ReleasePeriod.objects.create(number=period.number + 1, closes_at=periods.next_boundary(now))
        SourceMark.objects.filter(period__lte=period.number).delete()
        if HeldReflection.objects.filter(period=period.number).count() < (
            settings.ZELFTOETS_MIN_GROUP
        ):
            return Released(period.number, 0)
        pool = list(HeldReflection.objects.filter(period__lte=period.number))
        HeldReflection.objects.filter(pk__in=[item.pk for item in pool]).delete()
        _shuffle(pool)
        # The week the period ended in: one coarse date for the whole group.
        last_moment = min(now, period.closes_at - timedelta(microseconds=1))
        released_week = week_start(timezone.localtime(last_moment).date())
        Reflection.objects.bulk_create(
            [
                Reflection(
                    **item.answers(), released_week=released_week, status=ReflectionStatus.NEW
                )
                for item in pool
            ]
        )
    compact()
    return Released(period.number, len(pool))


def compact() -> None:
    """Rewrite the tables that held submissions, so their files keep no dead rows (PostgreSQL's
    old tuple versions, SQLite's free pages) and no order of arrival. VACUUM cannot run inside
    a transaction: a caller inside one (a test) leaves it to the next run outside."""
    if connection.in_atomic_block:
        return
    tables = _tables()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM FULL {tables['held']}, {tables['mark']}")
        else:
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
