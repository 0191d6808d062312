"""Commands a timer runs, kept running with `--every SECONDS` (handreiking/management/
repeating.py): each round does what one run does, and options meant for the start only
(`--close-period`) apply to the first round alone."""

from io import StringIO

import pytest
from django.core.management import call_command

from handreiking.models import ReleasePeriod

pytestmark = pytest.mark.django_db


class Stop(Exception):
    pass


@pytest.fixture
def rounds(monkeypatch):
    """Let a command run this many rounds: the sleep after the last one ends it."""
    slept: list[int] = []

    def limit(count: int):
        def sleep(seconds: int) -> None:
            slept.append(seconds)
            if len(slept) >= count:
                raise Stop

        monkeypatch.setattr("handreiking.management.repeating.time.sleep", sleep)
        return slept

    return limit


def test_release_reflections_every_closes_the_period_only_in_its_first_round(rounds):
    slept = rounds(3)
    out = StringIO()
    with pytest.raises(Stop):
        call_command("release_reflections", "--close-period", "--every", "60", stdout=out)
    lines = out.getvalue().splitlines()
    assert slept == [60, 60, 60]
    assert lines[0].startswith("Periode 1 is afgesloten")
    assert all(line.startswith("Er was niets vrij te geven") for line in lines[1:])
    assert len(lines) == 3
    assert ReleasePeriod.objects.count() == 2


def test_publish_scheduled_every_keeps_quiet_while_there_is_nothing(rounds):
    slept = rounds(2)
    out = StringIO()
    with pytest.raises(Stop):
        call_command("publish_scheduled", "--every", "30", stdout=out)
    assert slept == [30, 30]
    assert out.getvalue() == ""
    once = StringIO()
    call_command("publish_scheduled", stdout=once)
    assert once.getvalue() == "Er was niets te publiceren.\n"
