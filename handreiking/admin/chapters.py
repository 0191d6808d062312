"""The editors' admin: Markdown with live preview, drafts, publishing, history, diff and restore."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from handreiking import review, scheduling, services
from handreiking.admin.links import link_report
from handreiking.admin.presence import PresenceAdminMixin
from handreiking.admin.versions import VersionsAdminMixin, known_chapter_slugs
from handreiking.admin.workflow import CheckedForm, WorkflowAdminMixin
from handreiking.forms import (
    CANCEL_SCHEDULE,
    DRAFT_FIELDS,
    REQUEST_REVIEW,
    SAVE_DRAFT,
    SCHEDULE,
    ChapterAdminForm,
)
from handreiking.markdown import content_warnings, render_markdown
from handreiking.models import ChangeNote, Chapter, ChapterSlug, ReviewState

# What the editor is told after each draft action.
DRAFT_ACTION_MESSAGES = {
    SAVE_DRAFT: _(
        "Het concept is opgeslagen. Lezers zien nog de gepubliceerde tekst. "
        "Bekijk het voorbeeld of publiceer als het klaar is."
    ),
    SCHEDULE: _(
        "De publicatie is gepland. Tot dat moment zien lezers de huidige tekst. Is het een "
        "belangrijke wijziging, dan gaat die pas live als een collega hem heeft goedgekeurd."
    ),
    CANCEL_SCHEDULE: _("De planning is geannuleerd. Het concept blijft bewaard."),
    REQUEST_REVIEW: _(
        "Uw wijziging staat ter controle. Een collega ziet hem op de startpagina van het beheer."
    ),
}

admin.site.site_header = _("Beheer Handreiking-portaal")
admin.site.site_title = _("Beheer Handreiking-portaal")
admin.site.index_title = _("Beheer")


@admin.register(Chapter)
class ChapterAdmin(PresenceAdminMixin, WorkflowAdminMixin, VersionsAdminMixin, SimpleHistoryAdmin):
    form = ChapterAdminForm
    change_form_template = "admin/handreiking/chapter/change_form.html"
    object_history_template = "admin/handreiking/chapter/object_history.html"
    list_display = ("number", "title", "status", "last_major_change_at", "review_by")
    list_display_links = ("number", "title")
    search_fields = ("title", "summary", "body")
    ordering = ("number",)
    fieldsets = (
        (None, {"fields": ("number", "title", "slug", "summary", "body")}),
        (
            _("Wijziging"),
            {
                "fields": ("change_kind", "change_note", "urgent"),
                "description": _(
                    "Kies bij publiceren wat voor wijziging dit is. Een belangrijke wijziging "
                    "krijgt een nieuwe datum „Laatst gewijzigd” en een notitie die lezers zien. "
                    "Een collega leest een belangrijke wijziging eerst na."
                ),
            },
        ),
        (
            _("Planning en controle"),
            {"fields": ("publish_at", "review_by", "opened_revision")},
        ),
    )

    class Media:
        js = ["js/editor.js", "js/readability.js"]
        css = {"all": ["css/readability.css"]}

    @admin.display(description=_("status"))
    def status(self, obj: Chapter) -> str:
        draft = getattr(obj, "draft", None)
        parts = [_("Gepubliceerd") if obj.is_published else _("Nog niet gepubliceerd")]
        if obj.needs_check:
            parts.append(_("nog te controleren"))
        if draft is not None:
            if draft.review_state:
                parts.append(_("concept %s") % draft.get_review_state_display().lower())
            else:
                parts.append(_("met concept"))
            if draft.publish_at:
                when = timezone.localtime(draft.publish_at).strftime("%d-%m-%Y %H:%M")
                parts.append(_("gepland op %s") % when)
        return ", ".join(str(part) for part in parts)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("draft")

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        return (
            super()
            .get_history_queryset(request, history_manager, pk_name, object_id)
            .select_related("history_user")
        )

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ("title",)}

    def has_delete_permission(self, request, obj=None):
        # Deleting a chapter breaks every link HR ever made to it; only the operator may.
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        fields = {name: data[name] for name in DRAFT_FIELDS}
        review_by = data.get("review_by") if "review_by" in form.changed_data else None
        if not form.saves_draft:
            draft = getattr(obj, "draft", None) if obj.pk else None
            approved = form.approved(data)
            services.publish_chapter(
                chapter=obj,
                user=request.user,
                change_note=data.get("change_note", ""),
                major=data.get("change_kind") == ChapterAdminForm.MAJOR,
                number=data["number"],
                review_by=review_by,
                unchecked=form.needs_review(data),
                checked_by=draft.reviewed_by if approved else None,
                **fields,
            )
            return
        # The form filled `obj` with the edit, but only the draft is written: the published
        # row is not saved, so readers go on seeing it.
        # A first publication is a major change, whatever was ticked: it waits for review too.
        kind = data.get("change_kind") if obj.is_published else ChapterAdminForm.MAJOR
        draft = services.save_draft(
            chapter=obj,
            user=request.user,
            change_kind=kind,
            change_note=data.get("change_note", ""),
            **fields,
        )
        if review_by is not None and obj.is_published:
            review.set_review_by(chapter=obj, review_by=review_by, user=request.user)
        action = form.action
        if action == SCHEDULE:
            scheduling.schedule_draft(draft=draft, publish_at=data["publish_at"], user=request.user)
            if form.needs_review(data) and draft.review_state != ReviewState.APPROVED:
                review.request_review(draft=draft, user=request.user)
        elif action == CANCEL_SCHEDULE:
            scheduling.cancel_schedule(draft=draft)
        elif action == REQUEST_REVIEW:
            review.request_review(draft=draft, user=request.user)

    def _after_save(self, request, obj) -> HttpResponse:
        action = next((name for name in DRAFT_ACTION_MESSAGES if name in request.POST), None)
        if action is not None:
            self.message_user(request, DRAFT_ACTION_MESSAGES[action], messages.SUCCESS)
            # The change page shows the draft with its content checks.
            return HttpResponseRedirect(reverse("admin:handreiking_chapter_change", args=[obj.pk]))
        self.message_user(
            request,
            _("„%(title)s” is gepubliceerd. Lezers zien de nieuwe tekst nu.") % {"title": obj},
            messages.SUCCESS,
        )
        for warning in content_warnings(obj.body, known_slugs=known_chapter_slugs()):
            self.message_user(request, warning, messages.WARNING)
        return HttpResponseRedirect(reverse("admin:handreiking_chapter_changelist"))

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj)

    def response_change(self, request, obj):
        return self._after_save(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if obj is not None and obj.pk:
            context.update(
                checked_form=CheckedForm(prefix="checked"),
                today=timezone.localdate(),
                review_required=form.needs_review({"change_kind": ChapterAdminForm.MAJOR}),
                can_review=(
                    getattr(obj, "draft", None) is not None
                    and obj.draft.review_state == ReviewState.REQUESTED
                    and obj.draft.review_requested_by_id != request.user.pk
                ),
            )
        # A user with view permission only gets a form without the text fields.
        editable = "body" in form.fields
        body = (form["body"].value() if editable else obj.body if obj else "") or ""
        draft = getattr(obj, "draft", None) if obj else None
        if obj is not None and obj.pk:
            title = (form["title"].value() if editable else "") or obj.title
            context["link_report"] = link_report(request, obj, body, title)
        context.update(
            content_warnings=content_warnings(body, known_slugs=known_chapter_slugs()),
            draft=draft,
            save_draft_name=SAVE_DRAFT,
            show_save_and_add_another=False,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)


@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The markdownx live preview, for editors only, through the one sanitiser."""
    if not (request.user.is_active and request.user.is_staff):
        # A background request after the session ran out: an answer, not a login page to put
        # into the preview box (static/js/editor.js then says "U bent uitgelogd").
        return JsonResponse({"detail": "U bent uitgelogd. Log opnieuw in."}, status=401)
    if not request.user.has_perm("handreiking.change_chapter") and not request.user.has_perm(
        "handreiking.add_chapter"
    ):
        raise PermissionDenied
    response = HttpResponse(render_markdown(request.POST.get("content", "")[:200_000]))
    response["Cache-Control"] = "no-store"
    return response


@admin.register(ChangeNote)
class ChangeNoteAdmin(admin.ModelAdmin):
    list_display = ("changed_at", "chapter", "note", "is_first_publication")
    list_filter = ("is_first_publication", "chapter")
    list_select_related = ("chapter",)
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False  # change notes are written by publishing a chapter


@admin.register(ChapterSlug)
class ChapterSlugAdmin(admin.ModelAdmin):
    list_display = ("slug", "chapter", "created_at")
    list_select_related = ("chapter",)
    search_fields = ("slug",)

    def has_add_permission(self, request):
        return False  # former addresses are recorded when a slug changes
