"""The editors' workflow screens next to the chapter form: the second pair of eyes, marking a
chapter as checked, the draft against the live text, and the publication calendar."""

import calendar
import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from handreiking import history
from handreiking.admin.lookup import ChapterLookupMixin
from handreiking.editorial import checks, merging, publishing, review, revisions, states
from handreiking.editorial.revisions import common_base, merge_partner
from handreiking.ids import parse_id
from handreiking.models import Chapter, Revision, RevisionState

# The "before" of a chapter's first publication: nothing.
EMPTY = Chapter(title="", summary="", body="")

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


def numbered(regions: list[merging.Region]) -> list[tuple[int, merging.Region, int]]:
    """Each region with its index (the form's field name) and, for a choice, its number as
    the editor counts them: 1, 2, 3."""
    out, count = [], 0
    for index, region in enumerate(regions):
        count += region.is_conflict
        out.append((index, region, count))
    return out


class ReviewForm(forms.Form):
    APPROVE, RETURN = "approve", "return"
    # The go-live moment the reviewer saw: an approval is for that moment.
    moment = forms.CharField(widget=forms.HiddenInput, required=False)
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


class WorkflowAdminMixin(ChapterLookupMixin):
    """Mixed into ChapterAdmin (before SimpleHistoryAdmin): its workflow URLs and views."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path("planning/", wrap(self.calendar_view), name="{}_{}_calendar".format(*info)),
            path(
                "<path:object_id>/controle/",
                wrap(self.review_list_view),
                name="{}_{}_review_list".format(*info),
            ),
            path(
                "<path:object_id>/controle/<int:revision_id>/",
                wrap(self.review_view),
                name="{}_{}_review".format(*info),
            ),
            path(
                "<path:object_id>/samenvoegen/<int:revision_id>/",
                wrap(self.merge_view),
                name="{}_{}_merge".format(*info),
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

    def review_list_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The chapter's changes waiting for review: straight to the one, if there is one."""
        chapter = self.chapter_or_404(request, object_id, change=True)
        waiting = chapter.revisions.awaiting_review().first()
        if waiting is None:
            messages.info(request, _("Er staat voor dit hoofdstuk geen wijziging ter controle."))
            return HttpResponseRedirect(self._change_url(chapter))
        return HttpResponseRedirect(
            reverse("admin:handreiking_chapter_review", args=[chapter.pk, waiting.pk])
        )

    def review_view(self, request: HttpRequest, object_id: str, revision_id: int) -> HttpResponse:
        """One revision a colleague asked to check, against the live text, with approve and
        return-with-comment. The address names the revision: approving from a page loaded
        before the text changed is refused, because that revision is no longer waiting."""
        chapter = self.chapter_or_404(request, object_id, change=True)
        revision = get_object_or_404(
            Revision.objects.select_related("author", "submitted_by"),
            pk=revision_id,
            chapter=chapter,
        )
        form = ReviewForm(request.POST or None, initial={"moment": review.moment_token(revision)})
        own = not states.may_act_as_colleague(revision, request.user)
        if request.method == "POST" and form.is_valid():
            return self._decide(request, chapter, revision, form)
        live = chapter.live_revision or (chapter if chapter.is_published else None)
        return TemplateResponse(
            request,
            "admin/handreiking/chapter/review.html",
            self._page(
                request,
                chapter,
                _("Wijziging controleren: %(chapter)s"),
                draft=revision,
                revision=revision,
                waiting=revision.state == RevisionState.SUBMITTED,
                form=form,
                own=own,
                changes=history.compare(live or EMPTY, revision),
            ),
        )

    def _decide(self, request, chapter, revision, form) -> HttpResponse:
        comment = form.cleaned_data["comment"]
        try:
            if ReviewForm.RETURN in request.POST:
                review.return_for_changes(
                    revision_id=revision.pk, user=request.user, comment=comment, chapter=chapter
                )
                messages.success(request, _("De wijziging is teruggestuurd naar de auteur."))
            else:
                done = review.approve(
                    revision_id=revision.pk,
                    user=request.user,
                    comment=comment,
                    chapter=chapter,
                    moment=form.cleaned_data["moment"],
                )
                if done.state == RevisionState.SCHEDULED:
                    when = timezone.localtime(done.publish_at)
                    messages.success(
                        request,
                        _("Goedgekeurd. De wijziging gaat live op %(when)s.")
                        % {"when": when.strftime("%d-%m-%Y %H:%M")},
                    )
                else:
                    messages.success(request, _("Goedgekeurd en gepubliceerd. Lezers zien het nu."))
        except (review.ReviewError, publishing.PublishError) as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(self._change_url(chapter))

    def merge_view(self, request: HttpRequest, object_id: str, revision_id: int) -> HttpResponse:
        """Two editors' texts, paragraph by paragraph: what only one changed is taken, where both
        changed the same place this editor chooses. Both revisions stay in the history."""
        chapter = self.chapter_or_404(request, object_id, change=True)
        mine = get_object_or_404(Revision, pk=revision_id, chapter=chapter)
        theirs = merge_partner(
            chapter, mine, parse_id(request.GET.get("met") or request.POST.get("met"))
        )
        if theirs is None:
            messages.info(request, _("Er is niets samen te voegen: dit is de nieuwste versie."))
            return HttpResponseRedirect(self._change_url(chapter))
        base = common_base(mine, theirs)
        body = merging.plan(base.body if base else "", theirs.body, mine.body)
        fields = {
            name: merging.field_plan(
                getattr(base, name, ""), getattr(theirs, name), getattr(mine, name)
            )
            for name, _label in merging.FIELDS
        }
        if request.method == "POST":
            choices = {
                index: request.POST.get(f"deel-{index}", merging.BOTH)
                for index, region in enumerate(body)
                if region.is_conflict
            }
            saved = revisions.save_revision(
                chapter=chapter,
                base=theirs,
                merged_from=mine,
                user=request.user,
                body=merging.body_from(body, choices),
                change_kind=mine.change_kind if mine.is_major else theirs.change_kind,
                change_note=mine.change_note or theirs.change_note,
                **{
                    name: merging.field_from(region, request.POST.get(f"veld-{name}", ""))
                    for name, region in fields.items()
                },
            )
            messages.success(
                request,
                _(
                    "De twee versies zijn samengevoegd tot één nieuwe versie. Beide blijven in "
                    "de geschiedenis."
                ),
            )
            if saved.revision.state == RevisionState.SUBMITTED:
                messages.info(request, _("De wijziging staat weer ter controle."))
            return HttpResponseRedirect(self._change_url(chapter))
        return TemplateResponse(
            request,
            "admin/handreiking/chapter/merge.html",
            self._page(
                request,
                chapter,
                _("Versies samenvoegen: %(chapter)s"),
                mine=mine,
                theirs=theirs,
                regions=numbered(body),
                fields=[(name, label, fields[name]) for name, label in merging.FIELDS],
            ),
        )

    def checked_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        chapter = self.chapter_or_404(request, object_id, change=True)
        form = CheckedForm(request.POST, prefix="checked")
        if not form.is_valid():
            messages.error(request, _("Vul een geldige datum in, of laat het veld leeg."))
            return HttpResponseRedirect(self._change_url(chapter))
        try:
            checked = checks.mark_checked(
                chapter=chapter,
                user=request.user,
                note=form.cleaned_data["note"],
                review_by=form.cleaned_data["review_by"],
            )
        except states.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Vastgelegd als gecontroleerd. Volgende controle vóór %(date)s.")
                % {"date": checked.review_by.strftime("%d-%m-%Y")},
            )
        return HttpResponseRedirect(self._change_url(chapter))

    def draft_compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """One click from the editor: the newest open revision against what readers see now."""
        chapter = self.chapter_or_404(request, object_id)
        draft = revisions.head(chapter)
        if draft is None or not draft.is_open:
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
            # A month in the calendar's range: the neighbours are computed from it.
            if not dt.MINYEAR < year < dt.MAXYEAR:
                raise ValueError(year)
        except (ValueError, OverflowError):
            first = today.replace(day=1)
        drafts = list(
            Revision.objects.filter(publish_at__isnull=False)
            .open()
            .order_by("publish_at", "pk")
            .select_related("chapter", "reviewed_by", "author")
        )
        by_day: dict[dt.date, list[Revision]] = {}
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
