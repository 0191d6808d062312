"""Every retention period the code owns, applied in one place (`manage.py purge_expired`, daily).

What goes, and when:
- reflections, released or still held, after REFLECTION_RETENTION_DAYS (the zelftoets services);
- weekly counts of searches that found nothing, 90 days after their week began;
- superseded and withdrawn drafts after EDITING_REVISION_RETENTION_DAYS (the editorial rule);
- django-axes' log of logins after LOGIN_LOG_RETENTION_DAYS;
- failed login attempts once the cool-off has passed: from then on axes no longer counts them
  for a lockout (it deletes them itself, but only at the next login), so keeping them longer
  protects nothing. Deleting them never lifts a lockout. Failed logins stay on record in the
  application log (`handreiking.audit`), whose retention the operator sets;
- expired sessions, through the configured session engine;
- "who is editing" rows of a browser that never said goodbye (handreiking.presence).

The release of held reflections is not here: `release_reflections` runs hourly."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

from handreiking import presence, search
from handreiking.editorial.retention import prune_revisions
from handreiking.models import EditingPresence
from handreiking.zelftoets import services


@dataclass(frozen=True)
class ReflectionsPurged:
    reflections: int
    search_misses: int


@dataclass(frozen=True)
class Purged:
    reflections: int
    search_misses: int
    drafts: int
    # Rows of the login log (successful logins, and failed ones if that log is switched on).
    login_log: int
    failed_logins: int
    # False when the configured session engine cannot clear expired sessions.
    sessions_cleared: bool
    presences: int


def purge_reflections(*, retention_days: int, today: date) -> ReflectionsPurged:
    """Reflections past `retention_days`, and search-miss counts past their 90 days."""
    return ReflectionsPurged(
        reflections=services.purge_reflections(retention_days=retention_days, today=today),
        search_misses=search.purge_misses(today=today),
    )


def purge_login_log(*, retention_days: int, now: datetime) -> int:
    """Delete login-log rows older than `retention_days`; returns how many."""
    cutoff = now - timedelta(days=retention_days)
    logins, _details = AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
    # Off in this portal (AXES_ENABLE_ACCESS_FAILURE_LOG); should it be switched on, the same
    # retention holds.
    failures, _details = AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()
    return logins + failures


def purge_failed_logins(*, cool_off: timedelta, now: datetime) -> int:
    """Delete failed attempts whose latest failure is older than the cool-off, the same rule
    axes applies at a login; returns how many."""
    deleted, _details = AccessAttempt.objects.filter(attempt_time__lt=now - cool_off).delete()
    return deleted


def clear_expired_sessions() -> bool:
    """Expired sessions go, whatever engine stores them; False when the engine cannot."""
    engine = import_module(settings.SESSION_ENGINE)
    try:
        engine.SessionStore.clear_expired()
    except NotImplementedError:
        return False
    return True


def purge_stale_presences(*, now: datetime) -> int:
    """Delete the presence rows `presence.forget_old_presences` calls old (no heartbeat for
    PRESENCE_KEPT); returns how many there were."""
    stale = EditingPresence.objects.filter(seen_at__lt=now - presence.PRESENCE_KEPT).count()
    presence.forget_old_presences(now=now)
    return stale


def purge_expired(*, now: datetime) -> Purged:
    """Apply every retention above. Each step commits on its own; one that fails stops the run
    (the timer shows the failure) and leaves the steps before it done."""
    reflections = purge_reflections(
        retention_days=settings.REFLECTION_RETENTION_DAYS, today=timezone.localdate(now)
    )
    return Purged(
        reflections=reflections.reflections,
        search_misses=reflections.search_misses,
        drafts=prune_revisions(now=now),
        login_log=purge_login_log(retention_days=settings.LOGIN_LOG_RETENTION_DAYS, now=now),
        failed_logins=purge_failed_logins(cool_off=settings.AXES_COOLOFF_TIME, now=now),
        sessions_cleared=clear_expired_sessions(),
        presences=purge_stale_presences(now=now),
    )
