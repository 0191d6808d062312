"""The editors' to-do list on the admin's start page: changes to review, urgent publications
still to check, scheduled publications, and chapters whose review-by date has passed or nears."""

from django import template
from django.utils import timezone

from handreiking.models import Chapter, ChapterDraft

register = template.Library()

SOON_DAYS = 30


@register.inclusion_tag("admin/handreiking/includes/editorial_dashboard.html", takes_context=True)
def editorial_dashboard(context) -> dict:
    request = context["request"]
    user = request.user
    if not (
        user.has_perm("handreiking.change_chapter") or user.has_perm("handreiking.view_chapter")
    ):
        return {"show": False}
    today = timezone.localdate()
    drafts = ChapterDraft.objects.select_related("chapter", "review_requested_by", "scheduled_by")
    return {
        "show": True,
        "today": today,
        "soon_days": SOON_DAYS,
        "user": user,
        "awaiting_review": list(drafts.awaiting_review()),
        "needing_check": list(Chapter.objects.needing_check()),
        "scheduled": list(drafts.scheduled()[:10]),
        "overdue": list(Chapter.objects.review_overdue(today=today)),
        "due_soon": list(Chapter.objects.review_due_soon(today=today, days=SOON_DAYS)),
    }
