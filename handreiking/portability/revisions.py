"""Revisions in a document: every saved text of a chapter with its steps through review.

Revisions keep their ids across databases, as chapters and images do: a superseded revision's
step names its successor as "#<id>", and the admin's address of a revision is in messages and
bookmarks. So `parent`, `merged_from` and a chapter's `live_revision` are ids, and each must be
a revision in the same document.

A file is only a claim. Its revisions keep their text and their steps as a record, but nothing in
it can make a text go live that a colleague in this portal did not approve, and nothing arrives in
a state the workflow here would not have produced:

- The live revision is what readers saw where the file came from. It must be a published revision
  of the chapter with exactly the text the file gives the chapter (else the file contradicts
  itself and is refused); readers here see it because the operator imported it, and a step in its
  audit trail says so.
- Open work (draft, submitted, returned, approved, scheduled) stays open, without what only a
  review or a publication here could give it: an approval or schedule goes back to "ter
  controle", and a reviewer's name on work nobody approved, a publication time, a reason to publish
  without review and a go-live moment already past are dropped. A future go-live moment stays as
  the moment asked for: an embargo should not be lost, and a colleague approves it again.
- A published revision that the live one does not build on was never what readers saw, as far as
  the file itself tells (publishing refuses a text the live one does not descend from), and one
  without a publication time was never published either: each comes in withdrawn. Superseded and
  withdrawn work loses a publication time it claims.

Every such change is a step in the revision's audit trail that says what was not taken over.

Format version 1 had one shared draft per chapter instead: a published chapter's text becomes
its live revision, and the draft an open revision on top of it.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from handreiking.editorial.revisions import comparable
from handreiking.models import Chapter, Revision, RevisionEvent, RevisionState
from handreiking.models.revisions import OPEN_STATES
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
DROPPED_NOTE = "Niet overgenomen uit het bestand"
LIVE_NOTE = (
    "Ingelezen door de beheerder (import_content): lezers zien deze tekst zoals het bestand hem "
    "als gepubliceerd gaf, zonder nieuwe controle in dit portaal"
)
# The step an import adds to a revision's audit trail (next to "submit" for one back in review).
IMPORT_ACTION = "import"
# What readers see of a chapter; the file's chapter must show its live revision's text.
LIVE_TEXT = ("number", "title", "slug", "summary", "body")
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
    # The reviewer as the file names them (also one this database does not know).
    reviewer: str | None = None
    # Arrived approved or scheduled: back in review.
    resubmitted: bool = False
    # What of the file's claims about this revision did not come along (see the module).
    dropped: list[str] = field(default_factory=list)
    # Arrived published without the live revision building on it: withdrawn.
    withdrawn: bool = False
    # The chapter's live revision: readers see it through this import.
    live: bool = False


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
        plan = RevisionPlan(revision=revision, where=here, reviewer=item.get("reviewed_by"))
        for number, step in enumerate(items(item, "events", where=here), start=1):
            event = load(RevisionEvent, step, EVENT_FIELDS, where=f"{here}, stap {number}")
            event.user_id = users.id_for(username(step.get("user"), where=f"{here}, stap {number}"))
            plan.events.append(event)
        plans.append(plan)
    live = _live(row.get("live_revision"), chapter, plans, where=where)
    settle(plans, live, now=now)
    return plans, live


def _live(value, chapter: Chapter, plans: list[RevisionPlan], *, where: str) -> Revision | None:
    """The live revision the file names, if the file agrees with itself about it."""
    if value is None:
        if chapter.is_published:
            raise PortabilityError(
                f"{where}: het hoofdstuk staat als gepubliceerd, maar het bestand noemt geen "
                "gepubliceerde versie („live_revision” is leeg)."
            )
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
    if not chapter.is_published:
        raise PortabilityError(
            f"{where}: het hoofdstuk staat als niet gepubliceerd, maar het bestand noemt versie "
            f"#{live.pk} als gepubliceerde versie."
        )
    differing = [
        name
        for name in LIVE_TEXT
        if not (name == "number" and live.number is None)
        and comparable(name, getattr(chapter, name)) != comparable(name, getattr(live, name))
    ]
    if differing:
        fields = ", ".join(f"„{name}”" for name in differing)
        raise PortabilityError(
            f"{where}: wat lezers zien ({fields}) is niet de tekst van de gepubliceerde versie "
            f"#{live.pk}. Het bestand spreekt zichzelf tegen."
        )
    return live


def settle(plans: list[RevisionPlan], live: Revision | None, *, now: datetime) -> None:
    """Each revision as the workflow here could have left it, with a step for what changed."""
    ancestors = _lineage(plans, live)
    for plan in plans:
        if live is not None and plan.revision is live:
            plan.live = True
            plan.events.append(_step(S.PUBLISHED, LIVE_NOTE, now=now))
        elif plan.revision.state == S.PUBLISHED:
            if plan.revision.pk not in ancestors:
                _withdraw(plan, "maar de tekst die lezers zien bouwt er niet op voort", now=now)
            elif plan.revision.published_at is None:
                _withdraw(plan, "maar zonder moment van publicatie", now=now)
        else:
            arrive(plan, now=now)


def _lineage(plans: list[RevisionPlan], live: Revision | None) -> set:
    """The live revision and every revision of the chapter it was built on: the only ones that
    can have been published (publishing refuses a revision the live text does not descend
    from, `handreiking.editorial.publishing`)."""
    if live is None:
        return set()
    links = {plan.revision.pk: plan.revision for plan in plans}
    seen, todo = set(), [live.pk]
    while todo:
        pk = todo.pop()
        if pk is None or pk in seen or pk not in links:
            continue
        seen.add(pk)
        todo.extend((links[pk].parent_id, links[pk].merged_from_id))
    return seen


def _withdraw(plan: RevisionPlan, why: str, *, now: datetime) -> None:
    """A publication the file claims and the workflow cannot have made: the text stays, as a
    withdrawn revision (it can never go live from there)."""
    revision = plan.revision
    when = f" op {_moment(revision.published_at)}" if revision.published_at else ""
    plan.dropped.append(f"de publicatie{when}")
    revision.state, revision.published_at = S.WITHDRAWN, None
    plan.withdrawn = True
    plan.events.append(
        _step(
            S.WITHDRAWN,
            f"Ingelezen: ingetrokken. Stond in het bestand als gepubliceerd, {why}. "
            f"{DROPPED_NOTE}: de publicatie{when}.",
            now=now,
        )
    )


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
        plans.append(_legacy_draft(draft, chapter, live, where, users))
    settle(plans, live, now=now)
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
    plan = _with_saved_step(revision, where=here)
    plan.reviewer = draft.get("reviewed_by")
    return plan


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
    """Work that never went live, as the workflow here could have left it. An approval in a file
    is only a claim: approved or scheduled comes in as "ter controle", as
    `handreiking.editorial.review.submit` leaves a revision (without reviewer). What only a
    review or a publication gives is dropped from open work nobody approved here, and a
    publication time from any of it; a go-live moment stays if it is still to come."""
    revision = plan.revision
    if revision.state == S.PUBLISHED:
        return plan
    is_open = revision.state in OPEN_STATES
    approved = revision.state in {S.APPROVED, S.SCHEDULED}
    dropped = plan.dropped
    # Returned work keeps who returned it and when: its author needs the comment. Superseded
    # and withdrawn work keeps its record: it can never go live.
    if approved or (
        is_open
        and revision.state != S.RETURNED
        and (plan.reviewer or revision.reviewed_by_id or revision.reviewed_at)
    ):
        what = "de goedkeuring" if approved else "de controle"
        who = f" door {plan.reviewer}" if plan.reviewer else ""
        when = f" op {_moment(revision.reviewed_at)}" if revision.reviewed_at else ""
        dropped.append(f"{what}{who}{when}")
        revision.reviewed_by_id, revision.reviewed_at = None, None
    if is_open and revision.publish_at is not None and revision.publish_at <= now:
        dropped.append(f"het moment van publiceren ({_moment(revision.publish_at)}), al voorbij")
        revision.publish_at = None
    if revision.published_at is not None:
        dropped.append(f"een moment van publicatie ({_moment(revision.published_at)})")
        revision.published_at = None
    if is_open and revision.unreviewed_reason:
        dropped.append("een reden om zonder controle te publiceren")
        revision.unreviewed_reason = ""
    if not dropped:
        return plan
    summary = f"{DROPPED_NOTE}: {'; '.join(dropped)}."
    if revision.publish_at is not None and approved:
        summary += f" Publiceren op {_moment(revision.publish_at)} blijft gevraagd."
    if approved:
        revision.state, revision.schedule_problem = S.SUBMITTED, ""
        plan.events.append(
            _step(S.SUBMITTED, f"{RESUBMITTED_NOTE}. {summary}", now=now, action="submit")
        )
        plan.resubmitted = True
    else:
        plan.events.append(_step(revision.state, f"Ingelezen. {summary}", now=now))
    return plan


def _step(state: str, comment: str, *, now: datetime, action: str = IMPORT_ACTION):
    """A step the import takes: by nobody here (the operator ran a command), now."""
    return RevisionEvent(action=action, state=state, user=None, at=now, comment=comment)


def _moment(value: datetime) -> str:
    """A moment as the audit trail shows one (as `review` writes a new go-live moment)."""
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")


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
