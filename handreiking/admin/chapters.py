"""The editors' admin: Markdown with live preview, drafts, publishing, history, diff and restore."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
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

from handreiking.admin.links import LinksAdminMixin, link_report
from handreiking.admin.presence import PresenceAdminMixin
from handreiking.admin.versions import VersionsAdminMixin, known_chapter_slugs
from handreiking.admin.workflow import CheckedForm, WorkflowAdminMixin
from handreiking.editorial import checks, publishing, review, revisions
from handreiking.editorial.states import WorkflowError
from handreiking.forms import (
    CANCEL_SCHEDULE,
    DRAFT_FIELDS,
    REQUEST_REVIEW,
    SAVE_DRAFT,
    SCHEDULE,
    ChapterAdminForm,
)
from handreiking.markdown import content_warnings, render_markdown
from handreiking.models import ChangeNote, Chapter, ChapterSlug, Revision, RevisionState

SUBMITTABLE = (RevisionState.DRAFT, RevisionState.RETURNED)
# What the editor is told after each draft action.
DRAFT_ACTION_MESSAGES = {
    SAVE_DRAFT: _(
        "Het concept is opgeslagen. Lezers zien nog de gepubliceerde tekst. "
        "Bekijk het voorbeeld of publiceer als het klaar is."
    ),
    SCHEDULE: _(
        "De publicatie is gepland. Tot dat moment zien lezers de huidige tekst. De tekst gaat "
        "pas live als een collega hem heeft goedgekeurd, en niet eerder dan het gekozen moment."
    ),
    CANCEL_SCHEDULE: _(
        "De planning is geannuleerd. Uw versie blijft bewaard. Was hij goedgekeurd, dan kijkt "
        "een collega opnieuw: de goedkeuring gold voor dat moment."
    ),
    REQUEST_REVIEW: _(
        "Uw wijziging staat ter controle. Een collega ziet hem op de startpagina van het beheer."
    ),
}

admin.site.site_header = _("Beheer Handreiking-portaal")
admin.site.site_title = _("Beheer Handreiking-portaal")
admin.site.index_title = _("Beheer")


@admin.register(Chapter)
class ChapterAdmin(
    PresenceAdminMixin, WorkflowAdminMixin, VersionsAdminMixin, LinksAdminMixin, SimpleHistoryAdmin
):
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
                "fields": ("change_kind", "change_note"),
                "description": _(
                    "Kies wat voor wijziging dit is. Een belangrijke wijziging krijgt een nieuwe "
                    "datum „Laatst gewijzigd” en een notitie die lezers zien. Een collega leest "
                    "elke wijziging eerst na, ook een kleine."
                ),
            },
        ),
        (
            _("Planning en controle"),
            {"fields": ("publish_at", "review_by", "opened_revision")},
        ),
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if request.user.has_perm("handreiking.publish_without_review"):
            fieldsets.append((_("Met spoed"), {"fields": ("urgent_reason",)}))
        return fieldsets

    class Media:
        js = [
            "js/editor-keys.js",
            "js/editor.js",
            "js/live-report.js",
            "js/readability.js",
            "js/links.js",
        ]
        css = {"all": ["css/readability.css"]}

    @admin.display(description=_("status"))
    def status(self, obj: Chapter) -> str:
        parts = [_("Gepubliceerd") if obj.is_published else _("Nog niet gepubliceerd")]
        if obj.needs_check:
            parts.append(_("nog te controleren"))
        for revision in obj.open_revisions:
            part = _("versie %(state)s") % {"state": revision.get_state_display().lower()}
            if revision.publish_at:
                when = timezone.localtime(revision.publish_at).strftime("%d-%m-%Y %H:%M")
                part += " " + _("voor %s") % when
            parts.append(part)
        return ", ".join(str(part) for part in parts)

    def get_queryset(self, request):
        open_revisions = Prefetch(
            "revisions",
            queryset=Revision.objects.open().newest_first(),
            to_attr="open_revisions",
        )
        return super().get_queryset(request).prefetch_related(open_revisions)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        return (
            super()
            .get_history_queryset(request, history_manager, pk_name, object_id)
            .select_related("history_user")
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user  # a class made for this request: what this editor may do
        return form

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ("title",)}

    def has_delete_permission(self, request, obj=None):
        # Deleting a chapter breaks every link HR ever made to it; only the operator may.
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        """Every save is a new revision; the buttons decide what happens to it next. The
        published row is never written here: readers go on seeing it until a revision goes
        live through `handreiking.editorial.publishing`."""
        data = form.cleaned_data
        action, user = form.action, request.user
        saved = revisions.save_revision(
            chapter=obj,
            base=form.opened(),
            user=user,
            change_kind=data["change_kind"],
            change_note=data.get("change_note", ""),
            number=data["number"],
            **{name: data[name] for name in DRAFT_FIELDS},
        )
        request.editorial_saved = saved
        if saved.conflict_with is not None:
            return  # both texts are kept; the editor merges next (response_change)
        if change and "review_by" in form.changed_data and obj.is_published and data["review_by"]:
            checks.set_review_by(chapter=obj, review_by=data["review_by"], user=user)
        try:
            self._next_step(request, action, saved.revision, data)
        except (WorkflowError, publishing.PublishError) as error:
            # The text is saved; only the step after it could not be taken (each step rolls
            # back on its own): say why, in Dutch, on the edit page.
            request.editorial_error = str(error)

    def _next_step(self, request, action, revision, data) -> None:
        user = request.user
        if action == REQUEST_REVIEW:
            if revision.state in SUBMITTABLE:
                review.submit(revision=revision, user=user, publish_at=data.get("publish_at"))
        elif action == SCHEDULE:
            review.schedule(revision=revision, user=user, publish_at=data["publish_at"])
        elif action == CANCEL_SCHEDULE:
            review.unschedule(revision=revision, user=user)
        elif action == "":
            self._publish(request, revision, data)

    def _publish(self, request, revision, data) -> None:
        if revision.state == RevisionState.APPROVED:
            publishing.publish(revision=revision, user=request.user)
        elif revision.state == RevisionState.SCHEDULED:
            when = timezone.localtime(revision.publish_at).strftime("%d-%m-%Y %H:%M")
            raise WorkflowError(
                _(
                    "Deze versie is goedgekeurd voor %(when)s en gaat dan vanzelf live. Moet het "
                    "eerder, kies dan „Planning annuleren”: een collega kijkt dan opnieuw."
                )
                % {"when": when}
            )
        elif data.get("urgent_reason"):
            publishing.publish_unreviewed(
                revision=revision, user=request.user, reason=data["urgent_reason"]
            )
        elif not settings.EDITING_REVIEW_REQUIRED:
            publishing.publish(revision=revision, user=request.user)
        elif revision.state == RevisionState.PUBLISHED:
            raise WorkflowError(_("Er was niets veranderd: lezers zien deze tekst al."))
        else:
            raise WorkflowError(
                _("Deze versie is nog niet goedgekeurd. Kies „Ter controle aanbieden”.")
            )

    def _after_save(self, request, obj) -> HttpResponse:
        saved = getattr(request, "editorial_saved", None)
        change_url = reverse("admin:handreiking_chapter_change", args=[obj.pk])
        error = getattr(request, "editorial_error", None)
        if saved is not None and error:
            if saved.unchanged:
                self.message_user(request, error, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Uw tekst is bewaard als versie %(pk)s. Maar: %(error)s")
                    % {"pk": saved.revision.pk, "error": error},
                    messages.ERROR,
                )
            return HttpResponseRedirect(change_url)
        if saved is not None and saved.conflict_with is not None:
            self.message_user(
                request,
                _(
                    "Uw tekst is bewaard. %(name)s sloeg intussen ook een versie op. Hieronder "
                    "voegt u beide samen: er gaat niets verloren."
                )
                % {"name": publishing.display_name(saved.conflict_with.author)},
                messages.WARNING,
            )
            return HttpResponseRedirect(
                reverse("admin:handreiking_chapter_merge", args=[obj.pk, saved.revision.pk])
                + f"?met={saved.conflict_with.pk}"
            )
        action = next((name for name in DRAFT_ACTION_MESSAGES if name in request.POST), None)
        if saved is not None and saved.unchanged and action == SAVE_DRAFT:
            self.message_user(request, _("Er was niets veranderd."), messages.INFO)
            return HttpResponseRedirect(change_url)
        if action is not None:
            self.message_user(request, DRAFT_ACTION_MESSAGES[action], messages.SUCCESS)
            return HttpResponseRedirect(change_url)
        obj.refresh_from_db()
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
        head = getattr(form, "head", None)
        if obj is not None and obj.pk:
            context.update(
                checked_form=CheckedForm(prefix="checked"),
                today=timezone.localdate(),
                review_required=settings.EDITING_REVIEW_REQUIRED,
                may_publish_unreviewed=request.user.has_perm("handreiking.publish_without_review"),
                parallel=revisions.parallel(head),
                behind_live=revisions.behind_live(head, obj),
            )
        # A user with view permission only gets a form without the text fields.
        editable = "body" in form.fields
        body = (form["body"].value() if editable else obj.body if obj else "") or ""
        if obj is not None and obj.pk:
            title = (form["title"].value() if editable else "") or obj.title
            context["link_report"] = link_report(request, obj, body, title)
        context.update(
            content_warnings=content_warnings(body, known_slugs=known_chapter_slugs()),
            draft=head if head is not None and head.is_open else None,
            head=head,
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
