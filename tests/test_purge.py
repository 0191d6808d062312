"""Every retention the code owns, in one daily command: what is past its time goes, the rest
stays (handreiking/retention.py, `manage.py purge_expired`)."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from handreiking import retention
from handreiking.editorial import review
from handreiking.models import (
    EditingPresence,
    HeldReflection,
    Reflection,
    Revision,
    SearchMiss,
    week_start,
)
from tests.factories import ChapterFactory, UserFactory, save_draft
from tests.factories import ReflectionFactory as reflection

pytestmark = pytest.mark.django_db


def purge() -> list[str]:
    out = StringIO()
    call_command("purge_expired", stdout=out)
    return out.getvalue().splitlines()


def login(*, age: timedelta, username: str = "anna") -> AccessLog:
    row = AccessLog.objects.create(
        username=username,
        ip_address="192.0.2.10",
        user_agent="Mozilla/5.0",
        http_accept="text/html",
        path_info="/admin/login/",
    )
    AccessLog.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - age)
    return row


def failed_login(*, age: timedelta, username: str) -> AccessAttempt:
    row = AccessAttempt.objects.create(
        username=username,
        ip_address="192.0.2.10",
        user_agent="Mozilla/5.0",
        http_accept="text/html",
        path_info="/admin/login/",
        get_data="",
        post_data="username=" + username,
        failures_since_start=5,
    )
    AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=timezone.now() - age)
    return row


def session(key: str, *, expires_in: timedelta) -> Session:
    return Session.objects.create(
        session_key=key, session_data="", expire_date=timezone.now() + expires_in
    )


def presence(*, quiet_for: timedelta) -> EditingPresence:
    moment = timezone.now() - quiet_for
    return EditingPresence.objects.create(
        chapter=ChapterFactory(), user=UserFactory(), started_at=moment, seen_at=moment
    )


def held(since):
    return HeldReflection.objects.create(
        colleagues="ja", manager="nee", newspaper="ja", held_since=since
    )


def test_reflections_past_retention_go_released_and_held(settings):
    settings.REFLECTION_RETENTION_DAYS = 365
    today = timezone.localdate()
    kept = reflection(released_week=today - timedelta(days=365))
    reflection(released_week=today - timedelta(days=366))
    kept_held = held(today - timedelta(days=300))
    held(today - timedelta(days=400))
    assert "2 reflecties verwijderd (bewaartermijn 365 dagen)." in purge()
    assert list(HeldReflection.objects.all()) == [kept_held]
    assert list(Reflection.objects.values_list("pk", flat=True)) == [kept.pk]


def test_search_miss_counts_go_after_90_days():
    today = timezone.localdate()
    old = SearchMiss.objects.create(week=week_start(today - timedelta(days=97)), query="oud")
    recent = SearchMiss.objects.create(week=week_start(today), query="nieuw", count=3)
    assert "1 weektelling van zoekvragen zonder resultaat verwijderd." in purge()
    assert not SearchMiss.objects.filter(pk=old.pk).exists()
    assert SearchMiss.objects.filter(pk=recent.pk).exists()


def test_old_drafts_go_the_authors_last_stays(settings):
    settings.EDITING_REVISION_RETENTION_DAYS = 30
    anna = UserFactory(groups=["Redacteuren"])
    chapter = ChapterFactory()
    first = save_draft(chapter=chapter, user=anna, body="Een.")
    second = save_draft(chapter=chapter, user=anna, body="Twee.")
    last = save_draft(chapter=chapter, user=anna, body="Drie.")
    review.withdraw(revision=last, user=anna)
    Revision.objects.update(created_at=timezone.now() - timedelta(days=31))
    young = save_draft(chapter=ChapterFactory(), user=anna, body="Vandaag.")
    assert "2 oude concepten verwijderd." in purge()
    assert not Revision.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert Revision.objects.filter(pk__in=[last.pk, young.pk]).count() == 2


def test_the_login_log_keeps_180_days_by_default(settings):
    assert settings.LOGIN_LOG_RETENTION_DAYS == 180
    login(age=timedelta(days=181))
    login(age=timedelta(days=400))
    kept = login(age=timedelta(days=179))
    today = login(age=timedelta(0))
    assert "2 regels uit het inloglog verwijderd (bewaartermijn 180 dagen)." in purge()
    assert set(AccessLog.objects.values_list("pk", flat=True)) == {kept.pk, today.pk}


def test_the_login_log_follows_its_setting(settings):
    settings.LOGIN_LOG_RETENTION_DAYS = 30
    login(age=timedelta(days=31))
    kept = login(age=timedelta(days=29))
    assert retention.purge_login_log(retention_days=30, now=timezone.now()) == 1
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [kept.pk]
    assert "0 regels uit het inloglog verwijderd (bewaartermijn 30 dagen)." in purge()


def test_failed_logins_go_once_the_cool_off_has_passed(settings):
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    failed_login(age=timedelta(minutes=16), username="oud")
    failed_login(age=timedelta(days=40), username="heel-oud")
    locked = failed_login(age=timedelta(minutes=5), username="geblokkeerd")
    lines = purge()
    assert (
        "2 mislukte inlogpogingen verwijderd (ouder dan de blokkeertijd van 15 minuten)." in lines
    )
    # A lockout still running is never lifted.
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [locked.pk]


def test_expired_sessions_go_live_ones_stay():
    session("a" * 32, expires_in=-timedelta(seconds=1))
    session("b" * 32, expires_in=-timedelta(days=30))
    session("c" * 32, expires_in=timedelta(hours=8))
    assert "Verlopen sessies verwijderd." in purge()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["c" * 32]


def test_presence_of_a_browser_that_never_said_goodbye_goes_after_a_day():
    presence(quiet_for=timedelta(days=2))
    presence(quiet_for=timedelta(hours=25))
    kept = [presence(quiet_for=timedelta(hours=23)), presence(quiet_for=timedelta(0))]
    lines = purge()
    assert (
        "2 meldingen van „wie bewerkt nu” verwijderd (langer dan een dag geen teken van leven)."
        in lines
    )
    assert set(EditingPresence.objects.values_list("pk", flat=True)) == {row.pk for row in kept}


def test_the_command_says_in_dutch_what_it_did_one_line_per_kind(settings):
    settings.REFLECTION_RETENTION_DAYS = 365
    reflection(released_week=timezone.localdate() - timedelta(days=400))
    login(age=timedelta(days=200))
    assert purge() == [
        "1 reflectie verwijderd (bewaartermijn 365 dagen).",
        "0 weektellingen van zoekvragen zonder resultaat verwijderd.",
        "0 oude concepten verwijderd.",
        "1 regel uit het inloglog verwijderd (bewaartermijn 180 dagen).",
        "0 mislukte inlogpogingen verwijderd (ouder dan de blokkeertijd van 15 minuten).",
        "Verlopen sessies verwijderd.",
        "0 meldingen van „wie bewerkt nu” verwijderd (langer dan een dag geen teken van leven).",
    ]
    # A second run finds nothing left.
    assert purge()[0] == "0 reflecties verwijderd (bewaartermijn 365 dagen)."


def test_purge_reflections_still_does_its_part_and_nothing_else(settings):
    settings.REFLECTION_RETENTION_DAYS = 365
    reflection(released_week=timezone.localdate() - timedelta(days=400))
    login(age=timedelta(days=200))
    out = StringIO()
    call_command("purge_reflections", stdout=out)
    assert out.getvalue().splitlines() == [
        "1 reflecties verwijderd (bewaartermijn 365 dagen).",
        "0 weektellingen van zoekvragen zonder resultaat verwijderd.",
    ]
    assert AccessLog.objects.count() == 1
