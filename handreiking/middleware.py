"""What must wrap a request before anything else runs: its database deadline, and refusals that
must come before anything reads a request body."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader

from handreiking.dbdeadline import watchdog


class DatabaseDeadlineMiddleware:
    """Every request's database calls end within its deadline, even when the server stalls
    (handreiking/dbdeadline.py): a reader or a zelftoets gets the Dutch 503 page within 5 s
    instead of waiting for ever. Staff screens may save more at once and get longer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        staff = request.path.startswith("/admin/")
        milliseconds = (
            settings.DATABASE_STAFF_DEADLINE_MS if staff else settings.DATABASE_REQUEST_DEADLINE_MS
        )
        with watchdog.deadline(watchdog.deadline_for(milliseconds / 1000)):
            return self.get_response(request)


class RequestSizeLimitMiddleware:
    """A body larger than its path allows gets a Dutch 413 before Django reads it, so a 300 MB
    POST never reaches memory or disk (the proxy in front should refuse it even earlier)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > self.limit(request.path):
            body = loader.get_template("413.html").render({"request_path": request.path})
            response = HttpResponse(body, status=413, content_type="text/html; charset=utf-8")
            response["Connection"] = "close"
            return response
        return self.get_response(request)

    @staticmethod
    def limit(path: str) -> int:
        for prefix, limit in settings.REQUEST_BODY_LIMITS:
            if path.startswith(prefix):
                return limit
        return settings.REQUEST_BODY_LIMIT_DEFAULT
