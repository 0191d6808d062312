"""What every screen next to the chapter form starts with: the chapter, if this user may see
(or change) it. One public method the admin's mixins share, instead of each other's helpers."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from handreiking.models import Chapter


class ChapterLookupMixin:
    def chapter_or_404(self, request, object_id, *, change: bool = False) -> Chapter:
        chapter = get_object_or_404(
            Chapter.objects.select_related("live_revision"), pk=unquote(object_id)
        )
        allowed = (
            self.has_change_permission(request, chapter)
            if change
            else self.has_view_or_change_permission(request, chapter)
        )
        if not allowed:
            raise PermissionDenied
        return chapter
