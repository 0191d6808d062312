"""Release in groups: what a reviewer sees changes only by a whole group at a time.

A submission is held (HeldReflection), invisible to reviewers and absent from every count,
filter, overview and export. When at least ZELFTOETS_MIN_GROUP are waiting, the whole pool is
released at once: written to Reflection in random order, each carrying only the week of release.
So a reviewer who knows who was at the office today cannot tell which reflection is theirs by
date, order or by comparing two looks at the overview.

With every submission the held pool itself is rewritten in random order as well (it is smaller
than a group), so neither SQLite's rowid nor PostgreSQL's ctid/xmin keeps the arrival order.
"""

import random
from datetime import date
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction

from handreiking.models import (
    ContentVersion,
    HeldReflection,
    Reflection,
    ReflectionStatus,
    week_start,
)
from handreiking.models.content import SINGLETON

_shuffle = random.SystemRandom().shuffle


class Held(NamedTuple):
    # How many reflections this submission released (0 while the group is not complete).
    released: int
    # The content version (the advice page is kept per version), read in the same statement
    # on PostgreSQL (one round trip for both) and in the same transaction on SQLite: nothing
    # that could fail is left after the commit, so an acknowledged submission is never retried.
    version: str


def hold(*, answers: dict, today: date) -> Held:
    """Add one submission to the pool and release the pool when it is a group."""
    if connection.vendor == "postgresql":
        return _hold_in_one_statement(answers=answers, today=today)
    with transaction.atomic():
        # Locks the rows this transaction rewrites. A concurrent submission that read the pool
        # before this commit adds its own row beside it; release then waits one submission more,
        # and nothing is lost.
        held = list(HeldReflection.objects.select_for_update())
        # Only the rows read (and locked) here: never one another submission just added.
        HeldReflection.objects.filter(pk__in=[item.pk for item in held]).delete()
        pool = [item.answers() | {"held_since": item.held_since} for item in held]
        pool.append(answers | {"held_since": week_start(today)})
        version = ContentVersion.objects.current()
        _shuffle(pool)
        if len(pool) < settings.ZELFTOETS_MIN_GROUP:
            HeldReflection.objects.bulk_create([HeldReflection(**item) for item in pool])
            return Held(0, version)
        released_week = week_start(today)
        Reflection.objects.bulk_create(
            [Reflection(**_without_held_since(item), released_week=released_week) for item in pool]
        )
        return Held(len(pool), version)


def _without_held_since(item: dict) -> dict:
    return {name: value for name, value in item.items() if name != "held_since"}


# The same steps as `hold`, as one statement that commits on its own (autocommit): Python never
# holds a lock between round trips. The pool is every held row no other submission is rewriting
# at this moment (FOR UPDATE SKIP LOCKED): rows another submission has locked are its to rewrite
# or release, as a blocking DELETE would find them deleted after its commit anyway. So
# concurrent submissions never wait for each other's commit (PostgreSQL then flushes their
# commits together), nothing is lost (a row is locked, and deleted, by exactly one statement),
# and what each statement writes is the same as before: its pool plus the new row, in random
# order, held or released as one group. gen_random_uuid() draws from the server's strong random
# source: new ids, and rows written in a random order.
_COLUMNS = "colleagues, manager, newspaper, topic, text, had_personal_data"
_HOLD_SQL = f"""
WITH pool AS (
    DELETE FROM {{held}}
    WHERE id IN (SELECT id FROM {{held}} FOR UPDATE SKIP LOCKED)
    RETURNING {_COLUMNS}, held_since
), everyone AS (
    SELECT {_COLUMNS}, held_since FROM pool
    UNION ALL
    SELECT %(colleagues)s, %(manager)s, %(newspaper)s, %(topic)s, %(text)s,
           %(had_personal_data)s, %(held_since)s
), size AS (
    SELECT count(*) AS n FROM everyone
), kept AS (
    INSERT INTO {{held}} (id, {_COLUMNS}, held_since)
    SELECT gen_random_uuid(), {_COLUMNS}, held_since FROM everyone
    WHERE (SELECT n FROM size) < %(min_group)s
    ORDER BY gen_random_uuid()
    RETURNING 1
), released AS (
    INSERT INTO {{reflection}} (id, {_COLUMNS}, released_week, status)
    SELECT gen_random_uuid(), {_COLUMNS}, %(week)s, %(status)s FROM everyone
    WHERE (SELECT n FROM size) >= %(min_group)s
    ORDER BY gen_random_uuid()
    RETURNING 1
)
SELECT (SELECT count(*) FROM released), (SELECT token FROM {{version}} WHERE id = {SINGLETON:d})
"""  # noqa: S608 (table and column names from the models; every value is a parameter)


def _hold_in_one_statement(*, answers: dict, today: date) -> Held:
    sql = _HOLD_SQL.format(
        held=connection.ops.quote_name(HeldReflection._meta.db_table),
        reflection=connection.ops.quote_name(Reflection._meta.db_table),
        version=connection.ops.quote_name(ContentVersion._meta.db_table),
    )
    week = week_start(today)
    parameters = {name: answers[name] for name in HeldReflection.ANSWER_FIELDS}
    parameters |= {
        "held_since": week,
        "week": week,
        "min_group": settings.ZELFTOETS_MIN_GROUP,
        "status": ReflectionStatus.NEW.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        released, version = cursor.fetchone()
    return Held(released, version or "")
