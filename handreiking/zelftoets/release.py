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

from django.conf import settings
from django.db import transaction

from handreiking.models import HeldReflection, Reflection, week_start

_shuffle = random.SystemRandom().shuffle


def hold(*, answers: dict, today: date) -> int:
    """Add one submission to the pool and release the pool when it is a group. Returns how many
    reflections were released (0 while the group is not complete)."""
    with transaction.atomic():
        # Locks the rows this transaction rewrites. A concurrent submission that read the pool
        # before this commit adds its own row beside it; release then waits one submission more,
        # and nothing is lost.
        held = list(HeldReflection.objects.select_for_update())
        # Only the rows read (and locked) here: never one another submission just added.
        HeldReflection.objects.filter(pk__in=[item.pk for item in held]).delete()
        pool = [item.answers() | {"held_since": item.held_since} for item in held]
        pool.append(answers | {"held_since": week_start(today)})
        _shuffle(pool)
        if len(pool) < settings.ZELFTOETS_MIN_GROUP:
            HeldReflection.objects.bulk_create([HeldReflection(**item) for item in pool])
            return 0
        released_week = week_start(today)
        Reflection.objects.bulk_create(
            [Reflection(**_without_held_since(item), released_week=released_week) for item in pool]
        )
        return len(pool)


def _without_held_since(item: dict) -> dict:
    return {name: value for name, value in item.items() if name != "held_since"}
