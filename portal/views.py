"""Operational views: health check and error pages that never need the database."""

import sys

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from handreiking.dbdeadline import watchdog


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the app and its database answer (the cache may be degraded: the portal then
    works with a cache per process), 503 when the database does not, within 2 seconds. Asked on
    this thread's own connection, the one its requests use: a stalled server that still accepts
    new connections must not look healthy while every kept connection waits."""
    if not _database_answers(timeout=HEALTH_TIMEOUT_SECONDS):
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    cache.set("healthz", 1, timeout=5)
    if getattr(cache, "degraded", False):
        return JsonResponse({"status": "degraded", "database": "ok", "cache": "degraded"})
    return JsonResponse({"status": "ok", "database": "ok", "cache": "ok"})


HEALTH_TIMEOUT_SECONDS = 2


def _database_answers(*, timeout: float) -> bool:
    try:
        with watchdog.deadline(timeout), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The broken connection is closed, as at the end of every request that failed on it.
        connection.close_if_unusable_or_obsolete()
        return False
    return True


def _render_static(template_name: str, status: int, request: HttpRequest) -> HttpResponse:
    # No RequestContext: error pages must render while the database is down.
    body = loader.get_template(template_name).render({"request_path": request.path})
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage is a Dutch 503 page, anything else a Dutch 500 page."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DatabaseError):
        response = _render_static("503.html", 503, request)
        response["Retry-After"] = "30"
        return response
    return _render_static("500.html", 500, request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: explain in Dutch, without the technical reason."""
    return _render_static("403_csrf.html", 403, request)
