"""Versions of a chapter next to its form: the preview of the draft, comparing two versions,
restoring one, and django-simple-history's per-version page made read-only."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from handreiking import history, services
from handreiking.forms import RestoreForm
from handreiking.markdown import content_warnings
from handreiking.models import ChangeNote, Chapter, ChapterSlug
from handreiking.views import chapter_context


def known_chapter_slugs() -> set[str]:
    return set(Chapter.objects.values_list("slug", flat=True)) | set(
        ChapterSlug.objects.values_list("slug", flat=True)
    )


class VersionsAdminMixin:
    """Mixed into ChapterAdmin (before SimpleHistoryAdmin): preview, compare and restore."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history's per-version form would publish on POST, past our publish
        service and for users with view permission only: a version is shown read-only, in the
        comparison with the version before it, and restoring goes through our own view."""
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        chapter = self._chapter_or_404(request, object_id)
        if not chapter.history.filter(history_id=version_id).exists():
            raise Http404(_("Deze versie bestaat niet."))
        url = reverse("admin:handreiking_chapter_compare", args=[chapter.pk])
        return HttpResponseRedirect(f"{url}?b={int(version_id)}")

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/voorbeeld/",
                wrap(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/vergelijken/",
                wrap(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "<path:object_id>/terugzetten/<int:history_id>/",
                wrap(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def _chapter_or_404(self, request, object_id, *, change: bool = False) -> Chapter:
        chapter = get_object_or_404(Chapter.objects.select_related("draft"), pk=unquote(object_id))
        allowed = (
            self.has_change_permission(request, chapter)
            if change
            else self.has_view_or_change_permission(request, chapter)
        )
        if not allowed:
            raise PermissionDenied
        return chapter

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The draft exactly as readers will see it, with a banner."""
        chapter = self._chapter_or_404(request, object_id)
        draft = getattr(chapter, "draft", None)
        if draft is None:
            shown, body_html, toc = chapter, chapter.body_html, chapter.toc
        else:
            shown = Chapter(
                pk=chapter.pk,
                number=chapter.number,
                title=draft.title,
                slug=chapter.slug,
                summary=draft.summary,
                last_major_change_at=chapter.last_major_change_at,
                is_published=chapter.is_published,
            )
            body_html, toc = draft.body_html, draft.toc
        context = chapter_context(shown, body_html=body_html, toc=toc)
        context.update(
            is_preview=True,
            draft=draft,
            change_notes=list(ChangeNote.objects.filter(chapter=chapter)),
            content_warnings=content_warnings(
                draft.body if draft else chapter.body, known_slugs=known_chapter_slugs()
            ),
        )
        response = TemplateResponse(request, "handreiking/chapter_detail.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        chapter = self._chapter_or_404(request, object_id)
        records = list(chapter.history.order_by("-history_date", "-history_id"))
        if len(records) < 2:
            messages.info(request, _("Er is nog maar één versie; er valt niets te vergelijken."))
            return HttpResponseRedirect(
                reverse("admin:handreiking_chapter_history", args=[chapter.pk])
            )
        by_id = {record.history_id: record for record in records}
        try:
            newer = by_id[int(request.GET.get("b", records[0].history_id))]
            # Without "a": the version just before "b" (one click from any version).
            before = records[min(records.index(newer) + 1, len(records) - 1)]
            older = by_id[int(request.GET.get("a", before.history_id))]
        except (KeyError, ValueError) as error:
            raise Http404(_("Deze versie bestaat niet.")) from error
        if older.history_date > newer.history_date:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": chapter,
            "title": _("Versies vergelijken: %s") % chapter,
            "older": older,
            "newer": newer,
            "records": records,
            "changes": history.compare(older, newer),
            "can_restore": self.has_change_permission(request, chapter),
        }
        return TemplateResponse(request, "admin/handreiking/chapter/compare.html", context)

    def restore_view(self, request: HttpRequest, object_id: str, history_id: int) -> HttpResponse:
        chapter = self._chapter_or_404(request, object_id, change=True)
        record = chapter.history.filter(history_id=history_id).first()
        if record is None:
            raise Http404(_("Deze versie bestaat niet."))
        form = RestoreForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.restore_version(
                chapter=chapter,
                history_id=history_id,
                user=request.user,
                change_note=form.cleaned_data["change_note"],
                major=form.cleaned_data["change_kind"] == RestoreForm.MAJOR,
            )
            self.message_user(
                request,
                _("De versie is teruggezet en gepubliceerd als nieuwe versie."),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:handreiking_chapter_history", args=[chapter.pk])
            )
        current = chapter.history.order_by("-history_date", "-history_id").first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": chapter,
            "title": _("Versie terugzetten: %s") % chapter,
            "record": record,
            "form": form,
            "review_required": settings.EDITING_REVIEW_REQUIRED,
            # A summary only: a diff of two long texts is not for a confirmation page.
            "changes": history.summarise(
                current,
                record,
                compare_url=reverse("admin:handreiking_chapter_compare", args=[chapter.pk])
                + f"?a={current.history_id}&b={record.history_id}",
            ),
        }
        return TemplateResponse(request, "admin/handreiking/chapter/restore.html", context)
