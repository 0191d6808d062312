"""Revisions in a document: every saved text of a chapter with its steps through review.

Revisions keep their ids across databases, as chapters and images do: a superseded revision's
step names its successor as "#<id>", and the admin's address of a revision is in messages and
bookmarks. So `parent`, `merged_from` and a chapter's `live_revision` are ids, and each must be
a revision in the same document.

An approval does not travel. A file is only a claim about what a colleague approved elsewhere:
a revision that arrives approved or scheduled comes in as "ter controle", with a step that says
so, and a colleague in this portal approves it again before it can go live. What was published
stays published: the chapter's live text was live already.

Format version 1 had one shared draft per chapter instead: a published chapter's text becomes
its live revision, and the draft an open revision on top of it.
"""

from dataclasses import dataclass, field
from datetime import datetime

from handreiking.models import Chapter, Revision, RevisionEvent, RevisionState
from handreiking.portability.document import (
    EVENT_FIELDS,
    REVISION_FIELDS,
    REVISION_USER_FIELDS,
    PortabilityError,
    Users,
    convert,
    items,
    load,
    username,
)

S = RevisionState
RESUBMITTED_NOTE = "Ingelezen: opnieuw ter controle"
LEGACY_NOTE = "Overgenomen uit een bestand van formaatversie 1"
# A version 1 draft's review state; "approved" is then sent back to review like any approval.
LEGACY_STATES = {
    "": S.DRAFT,
    "requested": S.SUBMITTED,
    "returned": S.RETURNED,
    "approved": S.APPROVED,
}
# A version 1 draft's fields (as the document names them) and the revision field each becomes.
LEGACY_DRAFT_FIELDS = {
    "title": "title",
    "slug": "slug",
    "summary": "summary",
    "body": "body",
    "updated_at": "created_at",
    "change_kind": "change_kind",
    "change_note": "change_note",
    "publish_at": "publish_at",
    "review_requested_at": "submitted_at",
    "reviewed_at": "reviewed_at",
    "review_comment": "review_comment",
}
# scheduled_by has no counterpart: who planned an approval that does not travel does not either.
LEGACY_DRAFT_USERS = {
    "updated_by": "author",
    "review_requested_by": "submitted_by",
    "reviewed_by": "reviewed_by",
}


@dataclass
class RevisionPlan:
    revision: Revision
    where: str
    events: list[RevisionEvent] = field(default_factory=list)
    resubmitted: bool = False


def read_revisions(
    row: dict, chapter: Chapter, *, where: str, users: Users, now: datetime
) -> tuple[list[RevisionPlan], Revision | None]:
    """A chapter's revisions (format version 2) and the one that is live."""
    plans = []
    for index, item in enumerate(items(row, "revisions", where=where), start=1):
        here = f"{where}, opgeslagen versie {index}"
        revision = load(Revision, item, REVISION_FIELDS, where=here, chapter_id=chapter.pk)
        here = f"{where}, versie #{revision.pk}"
        for name in REVISION_USER_FIELDS:
            setattr(revision, f"{name}_id", users.id_for(username(item.get(name), where=here)))
        plan = RevisionPlan(revision=revision, where=here)
        for number, step in enumerate(items(item, "events", where=here), start=1):
            event = load(RevisionEvent, step, EVENT_FIELDS, where=f"{here}, stap {number}")
            event.user_id = users.id_for(username(step.get("user"), where=f"{here}, stap {number}"))
            plan.events.append(event)
        plans.append(arrive(plan, now=now))
    return plans, _live(row.get("live_revision"), plans, where=where)


def _live(value, plans: list[RevisionPlan], *, where: str) -> Revision | None:
    if value is None:
        return None
    own = {plan.revision.pk: plan.revision for plan in plans}
    live = own.get(value) if isinstance(value, int) and not isinstance(value, bool) else None
    if live is None:
        raise PortabilityError(
            f"{where}: de gepubliceerde versie ({value!r}) is geen versie van dit hoofdstuk."
        )
    if live.state != S.PUBLISHED:
        raise PortabilityError(
            f"{where}: de gepubliceerde versie #{live.pk} staat niet als gepubliceerd in het "
            f"bestand maar als „{live.state}”."
        )
    return live


def legacy_revisions(
    row: dict, chapter: Chapter, *, where: str, users: Users, now: datetime
) -> tuple[list[RevisionPlan], Revision | None]:
    """Format version 1: the published text as the live revision, the draft on top of it."""
    plans, live = [], None
    if chapter.is_published:
        moment = chapter.last_major_change_at or chapter.first_published_at or now
        live = Revision(
            chapter_id=chapter.pk,
            number=chapter.number,
            title=chapter.title,
            slug=chapter.slug,
            summary=chapter.summary,
            body=chapter.body,
            state=S.PUBLISHED,
            created_at=moment,
            published_at=moment,
        )
        plans.append(_with_saved_step(live, where=f"{where}, gepubliceerde tekst"))
    draft = row.get("draft")
    if draft is not None:
        plans.append(arrive(_legacy_draft(draft, chapter, live, where, users), now=now))
    return plans, live


def _legacy_draft(
    draft, chapter: Chapter, live: Revision | None, where: str, users: Users
) -> RevisionPlan:
    here = f"{where}, concept"
    if not isinstance(draft, dict):
        raise PortabilityError(f"{here}: verwacht een object met velden.")
    values = {}
    for name, target in LEGACY_DRAFT_FIELDS.items():
        if name not in draft:
            raise PortabilityError(f"{here}: het veld „{name}” ontbreekt.")
        target_field = Revision._meta.get_field(target)
        values[target] = convert(target_field, draft[name], where=here, label=name)
    state = draft.get("review_state")
    if not isinstance(state, str) or state not in LEGACY_STATES:
        raise PortabilityError(
            f"{here}: het veld „review_state” klopt niet: „{state}” is geen toegestane waarde"
        )
    revision = Revision(
        chapter_id=chapter.pk,
        parent=live,
        number=chapter.number,
        state=LEGACY_STATES[state],
        **values,
    )
    for name, target in LEGACY_DRAFT_USERS.items():
        setattr(revision, f"{target}_id", users.id_for(username(draft.get(name), where=here)))
    return _with_saved_step(revision, where=here)


def _with_saved_step(revision: Revision, *, where: str) -> RevisionPlan:
    """Format version 1 kept no steps: the revision's first, saved in the state it had."""
    saved = RevisionEvent(
        action="save",
        state=revision.state,
        user_id=revision.author_id,
        at=revision.created_at,
        comment=LEGACY_NOTE,
    )
    return RevisionPlan(revision=revision, where=where, events=[saved])


def arrive(plan: RevisionPlan, *, now: datetime) -> RevisionPlan:
    """An approval in a file is only a claim: approved or scheduled comes in as "ter controle",
    as `handreiking.editorial.review.submit` leaves a revision (without reviewer, keeping its
    go-live moment for when a colleague here approves it)."""
    revision = plan.revision
    if revision.state not in {S.APPROVED, S.SCHEDULED}:
        return plan
    revision.state = S.SUBMITTED
    revision.reviewed_by_id, revision.reviewed_at = None, None
    revision.schedule_problem = ""
    plan.events.append(
        RevisionEvent(
            action="submit", state=S.SUBMITTED, user=None, at=now, comment=RESUBMITTED_NOTE
        )
    )
    plan.resubmitted = True
    return plan


def check_references(plans: list[RevisionPlan]) -> None:
    """Each revision once, and every revision a revision builds on in the document too."""
    known: set[int] = set()
    for plan in plans:
        pk = plan.revision.pk
        if pk is not None and pk in known:
            raise PortabilityError(f"Versie-id {pk} staat twee keer in het bestand.")
        known.add(pk)
    for plan in plans:
        revision = plan.revision
        for name, label in (("parent", "bouwt voort op"), ("merged_from", "is samengevoegd met")):
            target = getattr(revision, f"{name}_id")
            if target is not None and target not in known:
                raise PortabilityError(
                    f"{plan.where}: {label} versie #{target}, die niet in het bestand staat."
                )
