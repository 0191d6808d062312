"""Who else is editing a chapter: shown on its edit page, kept up to date by the editor page.

The edit page records the editor's presence when it opens; static/js/editor.js then sends a
heartbeat while the page stays open (which also tells it when the session has run out) and a
last "stop" when the editor leaves."""

from django import forms
from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from handreiking.editorial.revisions import head
from handreiking.models import Chapter
from handreiking.presence import (
    end_presence,
    forget_old_presences,
    heartbeat_seconds,
    newer_revision_message,
    other_editors,
    presence_message,
    record_presence,
)


class PresenceAdminMixin:
    """Mixed into ChapterAdmin: its URLs and change-form context for editor presence."""

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["css/presence.css"]})

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/bezig/",
                wrap(require_POST(self.presence_view)),
                name="{}_{}_presence".format(*info),
            ),
            path(
                "<path:object_id>/bezig/stop/",
                wrap(require_POST(self.presence_stop_view)),
                name="{}_{}_presence_stop".format(*info),
            ),
            *super().get_urls(),
        ]

    def _editable_chapter(self, request: HttpRequest, object_id: str) -> Chapter:
        chapter = get_object_or_404(Chapter, pk=unquote(object_id))
        if not self.has_change_permission(request, chapter):
            raise PermissionDenied
        return chapter

    def presence_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The heartbeat of an open edit page: still here, and who else is?"""
        chapter = self._editable_chapter(request, object_id)
        record_presence(chapter=chapter, user=request.user)
        forget_old_presences()
        editors = other_editors(chapter=chapter, user=request.user)
        message = " ".join(
            part
            for part in (
                presence_message(editors),
                newer_revision_message(chapter, opened=request.headers.get("X-Editor-Version", "")),
            )
            if part
        )
        # No cache headers needed: the admin's wrapper marks every answer never_cache.
        return JsonResponse({"editors": editors, "message": message})

    def presence_stop_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The editor left the edit page (sent by navigator.sendBeacon on pagehide)."""
        chapter = self._editable_chapter(request, object_id)
        end_presence(chapter=chapter, user=request.user)
        return HttpResponse(status=204)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # Published: the editor leaves for the list, so the others need not wait for the
        # presence to go stale. (A saved draft comes back to this page, which counts again.)
        if (
            request.method == "POST"
            and response.status_code == 302
            and response["Location"] != request.path
        ):
            chapter = Chapter.objects.filter(pk=unquote(object_id)).first()
            if chapter is not None:
                end_presence(chapter=chapter, user=request.user)
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context.update(self._presence_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _presence_context(self, request: HttpRequest, chapter: Chapter) -> dict:
        can_edit = self.has_change_permission(request, chapter)
        if can_edit and request.method == "GET":
            record_presence(chapter=chapter, user=request.user)
        editors = other_editors(chapter=chapter, user=request.user)
        current = head(chapter)
        return {
            "presence_can_edit": can_edit,
            "presence_message": presence_message(editors),
            "presence_version": str(current.pk) if current else "",
            "presence_heartbeat_seconds": heartbeat_seconds(),
            "presence_login_url": reverse("admin:login"),
            "presence_csrf_cookie": settings.CSRF_COOKIE_NAME,
        }
