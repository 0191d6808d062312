"""Versions of a chapter next to its form: the preview of the draft, comparing two versions,
restoring one, and django-simple-history's per-version page made read-only."""

from django.conf import settings
from django.contrib import messages
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

from handreiking import history
from handreiking.admin.lookup import ChapterLookupMixin
from handreiking.editorial import restoring, revisions
from handreiking.editorial.states import WorkflowError
from handreiking.forms import RestoreForm
from handreiking.ids import parse_id
from handreiking.markdown import content_warnings
from handreiking.models import ChangeNote, Chapter, ChapterSlug, Revision
from handreiking.views import chapter_context

# The newest revisions the history page lists; each links to its own page.
REVISIONS_SHOWN = 50


def known_chapter_slugs() -> set[str]:
    return set(Chapter.objects.values_list("slug", flat=True)) | set(
        ChapterSlug.objects.values_list("slug", flat=True)
    )


class VersionsAdminMixin(ChapterLookupMixin):
    """Mixed into ChapterAdmin (before SimpleHistoryAdmin): preview, compare and restore."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history's per-version form would publish on POST, past our publish
        service and for users with view permission only: a version is shown read-only, in the
        comparison with the version before it, and restoring goes through our own view."""
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        chapter = self.chapter_or_404(request, object_id)
        if not chapter.history.filter(history_id=version_id).exists():
            raise Http404(_("Deze versie bestaat niet."))
        url = reverse("admin:handreiking_chapter_compare", args=[chapter.pk])
        return HttpResponseRedirect(f"{url}?b={int(version_id)}")

    def history_view(self, request, object_id, extra_context=None):
        """simple-history's list of published versions, and every revision (drafts too)."""
        chapter = self.chapter_or_404(request, object_id)
        shown = list(
            chapter.revisions.newest_first().select_related("author")[: REVISIONS_SHOWN + 1]
        )
        context = {
            "revisions": shown[:REVISIONS_SHOWN],
            "more_revisions": len(shown) > REVISIONS_SHOWN,
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra_context=context)

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
                "<path:object_id>/versies/<int:revision_id>/",
                wrap(self.revision_view),
                name="{}_{}_revision".format(*info),
            ),
            path(
                "<path:object_id>/terugzetten/<int:history_id>/",
                wrap(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The newest open revision (or `?versie=`) exactly as readers will see it."""
        chapter = self.chapter_or_404(request, object_id)
        wanted = parse_id(request.GET.get("versie"))
        draft = (
            get_object_or_404(Revision, pk=wanted, chapter=chapter)
            if wanted is not None
            else revisions.head(chapter)
        )
        if draft is not None and not draft.is_open and not wanted:
            draft = None
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
        chapter = self.chapter_or_404(request, object_id)
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
        chapter = self.chapter_or_404(request, object_id, change=True)
        record = chapter.history.filter(history_id=history_id).first()
        if record is None:
            raise Http404(_("Deze versie bestaat niet."))
        form = RestoreForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            reason = form.cleaned_data.get("urgent_reason") or ""
            try:
                restoring.restore_version(
                    chapter=chapter,
                    history_id=history_id,
                    user=request.user,
                    change_kind=form.cleaned_data["change_kind"],
                    change_note=form.cleaned_data["change_note"],
                    urgent_reason=reason,
                )
            except WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("De oude versie is teruggezet en gepubliceerd.")
                    if reason or not settings.EDITING_REVIEW_REQUIRED
                    else _(
                        "De oude versie staat klaar als nieuwe versie en is ter controle "
                        "aangeboden. Zodra een collega hem goedkeurt, zien lezers hem."
                    ),
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(
                reverse("admin:handreiking_chapter_change", args=[chapter.pk])
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
            "may_publish_unreviewed": request.user.has_perm("handreiking.publish_without_review"),
            # A summary only: a diff of two long texts is not for a confirmation page.
            "changes": history.summarise(
                current,
                record,
                compare_url=reverse("admin:handreiking_chapter_compare", args=[chapter.pk])
                + f"?a={current.history_id}&b={record.history_id}",
            ),
        }
        return TemplateResponse(request, "admin/handreiking/chapter/restore.html", context)

    def revision_view(self, request: HttpRequest, object_id: str, revision_id: int) -> HttpResponse:
        """One saved revision (a draft too): its text against the one it was built on, where it
        stands, and every step it took."""
        chapter = self.chapter_or_404(request, object_id)
        revision = get_object_or_404(
            Revision.objects.select_related("author", "parent", "merged_from"),
            pk=revision_id,
            chapter=chapter,
        )
        before = revision.parent or Chapter(title="", summary="", body="")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": chapter,
            "title": _("Versie %(pk)s: %(chapter)s") % {"pk": revision.pk, "chapter": chapter},
            "revision": revision,
            "events": list(revision.events.select_related("user")),
            "changes": history.compare(before, revision),
            "is_live": chapter.live_revision_id == revision.pk,
        }
        return TemplateResponse(request, "admin/handreiking/chapter/revision.html", context)
