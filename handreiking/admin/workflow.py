"""The editors' workflow screens next to the chapter form: the second pair of eyes, marking a
chapter as checked, the draft against the live text, and the publication calendar."""

import calendar
import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handreiking import history, review
from handreiking.models import ChapterDraft, ReviewState
from handreiking.models.editing import text_revision

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


class ReviewForm(forms.Form):
    APPROVE, RETURN = "approve", "return"
    # The text the reviewer read: approving a text changed meanwhile is refused.
    revision = forms.CharField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(
        label=_("Opmerking voor de auteur"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als u de wijziging terugstuurt."),
    )


class CheckedForm(forms.Form):
    note = forms.CharField(
        label=_("Notitie (niet verplicht)"),
        required=False,
        max_length=500,
        help_text=_("Bijvoorbeeld: „Links en voorbeelden nagelopen.”"),
    )
    review_by = forms.DateField(
        label=_("Volgende controle vóór"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leeg: over een jaar."),
    )


class WorkflowAdminMixin:
    """Mixed into ChapterAdmin (before SimpleHistoryAdmin): its workflow URLs and views."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path("planning/", wrap(self.calendar_view), name="{}_{}_calendar".format(*info)),
            path(
                "<path:object_id>/controle/",
                wrap(self.review_view),
                name="{}_{}_review".format(*info),
            ),
            path(
                "<path:object_id>/gecontroleerd/",
                wrap(require_POST(self.checked_view)),
                name="{}_{}_checked".format(*info),
            ),
            path(
                "<path:object_id>/concept-vergelijken/",
                wrap(self.draft_compare_view),
                name="{}_{}_draft_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def _page(self, request, chapter, title: str, **context) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": chapter,
            "title": title % {"chapter": chapter} if chapter else title,
            **context,
        }

    def review_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The change a colleague asked to check, against the live text, with approve and
        return-with-comment."""
        chapter = self._chapter_or_404(request, object_id, change=True)
        draft = getattr(chapter, "draft", None)
        if draft is None or draft.review_state != ReviewState.REQUESTED:
            messages.info(request, _("Er staat voor dit hoofdstuk geen wijziging ter controle."))
            return HttpResponseRedirect(self._change_url(chapter))
        form = ReviewForm(request.POST or None, initial={"revision": text_revision(draft)})
        own = request.user.pk in {draft.review_requested_by_id, draft.updated_by_id}
        if request.method == "POST" and form.is_valid() and not own:
            return self._decide(request, chapter, draft, form)
        return TemplateResponse(
            request,
            "admin/handreiking/chapter/review.html",
            self._page(
                request,
                chapter,
                _("Wijziging controleren: %(chapter)s"),
                draft=draft,
                form=form,
                own=own,
                changes=history.compare(chapter, draft),
            ),
        )

    def _decide(self, request, chapter, draft, form) -> HttpResponse:
        comment, revision = form.cleaned_data["comment"], form.cleaned_data["revision"]
        try:
            if ReviewForm.RETURN in request.POST:
                review.return_for_changes(
                    draft=draft, user=request.user, comment=comment, revision=revision
                )
                messages.success(request, _("De wijziging is teruggestuurd naar de auteur."))
            elif review.approve(draft=draft, user=request.user, comment=comment, revision=revision):
                messages.success(request, _("Goedgekeurd en gepubliceerd. Lezers zien het nu."))
            else:
                when = timezone.localtime(draft.publish_at)
                messages.success(
                    request,
                    _("Goedgekeurd. De wijziging gaat live op %(when)s.")
                    % {"when": when.strftime("%d-%m-%Y %H:%M")},
                )
        except review.ReviewError as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(self._change_url(chapter))

    def checked_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        chapter = self._chapter_or_404(request, object_id, change=True)
        form = CheckedForm(request.POST, prefix="checked")
        if not form.is_valid():
            messages.error(request, _("Vul een geldige datum in, of laat het veld leeg."))
            return HttpResponseRedirect(self._change_url(chapter))
        try:
            checked = review.mark_checked(
                chapter=chapter,
                user=request.user,
                note=form.cleaned_data["note"],
                review_by=form.cleaned_data["review_by"],
            )
        except review.ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Vastgelegd als gecontroleerd. Volgende controle vóór %(date)s.")
                % {"date": checked.review_by.strftime("%d-%m-%Y")},
            )
        return HttpResponseRedirect(self._change_url(chapter))

    def draft_compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """One click from the editor: the draft against what readers see now."""
        chapter = self._chapter_or_404(request, object_id)
        draft = getattr(chapter, "draft", None)
        if draft is None:
            messages.info(request, _("Er is geen concept: de gepubliceerde tekst is de nieuwste."))
            return HttpResponseRedirect(self._change_url(chapter))
        return TemplateResponse(
            request,
            "admin/handreiking/chapter/draft_compare.html",
            self._page(
                request,
                chapter,
                _("Concept en gepubliceerde tekst vergelijken: %(chapter)s"),
                draft=draft,
                changes=history.compare(chapter, draft),
            ),
        )

    def calendar_view(self, request: HttpRequest) -> HttpResponse:
        """Scheduled publications per month, as a calendar and as a list."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        try:
            year, month = (int(part) for part in request.GET.get("maand", "").split("-"))
            first = dt.date(year, month, 1)
        except ValueError:
            first = today.replace(day=1)
        drafts = list(
            ChapterDraft.objects.scheduled().select_related("chapter", "scheduled_by").all()
        )
        by_day: dict[dt.date, list[ChapterDraft]] = {}
        for draft in drafts:
            by_day.setdefault(timezone.localtime(draft.publish_at).date(), []).append(draft)
        weeks = [
            [
                {"date": day, "in_month": day.month == first.month, "drafts": by_day.get(day, [])}
                for day in week
            ]
            for week in calendar.Calendar().monthdatescalendar(first.year, first.month)
        ]
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return TemplateResponse(
            request,
            "admin/handreiking/chapter/calendar.html",
            self._page(
                request,
                None,
                _("Geplande publicaties"),
                weeks=weeks,
                weekdays=WEEKDAYS,
                month_name=f"{MONTHS[first.month - 1]} {first.year}",
                previous=previous.strftime("%Y-%m"),
                following=following.strftime("%Y-%m"),
                upcoming=drafts,
                today=today,
            ),
        )

    def _change_url(self, chapter) -> str:
        return reverse("admin:handreiking_chapter_change", args=[chapter.pk])
