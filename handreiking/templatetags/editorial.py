"""The editors' to-do list on the admin's start page: changes to review, changes returned to
this editor, plans without approval (in red), publications still to check, scheduled ones, and
chapters whose review-by date has passed or nears."""

from django import template
from django.utils import timezone

from handreiking.models import Chapter, Revision

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
    revisions = Revision.objects.select_related("chapter", "author", "submitted_by", "reviewed_by")
    awaiting = list(revisions.awaiting_review())
    for revision in awaiting:
        revision.is_own = user.pk in {revision.author_id, revision.submitted_by_id}
    return {
        "show": True,
        "today": today,
        "soon_days": SOON_DAYS,
        "user": user,
        "now": timezone.now(),
        "awaiting_review": awaiting,
        "returned": list(revisions.returned_to(user)) if user.is_authenticated else [],
        "unapproved_plans": list(revisions.planned_without_approval(now=timezone.now())),
        "needing_check": list(Chapter.objects.needing_check()),
        "scheduled": list(revisions.scheduled()[:10]),
        "overdue": list(Chapter.objects.review_overdue(today=today)),
        "due_soon": list(Chapter.objects.review_due_soon(today=today, days=SOON_DAYS)),
    }
