"""The states a revision passes through, and the one function that moves it.

A small explicit table, not a state-machine library: django-fsm is archived and its successors
add decorators and signals that hide which code runs. Here every transition is one call of
`move`, inside the caller's transaction on a locked row: it checks that the step is allowed
from the current state and by this user, and writes one `RevisionEvent`. docs/editorial.md
draws the same table.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handreiking.models import Revision, RevisionEvent, RevisionState

S = RevisionState
UNREVIEWED = frozenset({S.DRAFT, S.SUBMITTED, S.RETURNED})


@dataclass(frozen=True)
class Step:
    label: str
    sources: frozenset
    target: RevisionState
    # Steps a second editor takes: never on a revision they wrote or submitted.
    by_colleague: bool = False


STEPS: dict[str, Step] = {
    "submit": Step(
        gettext_lazy("Ter controle aangeboden"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED
    ),
    "approve": Step(gettext_lazy("Goedgekeurd"), frozenset({S.SUBMITTED}), S.APPROVED, True),
    "return": Step(gettext_lazy("Teruggestuurd"), frozenset({S.SUBMITTED}), S.RETURNED, True),
    "schedule": Step(gettext_lazy("Gepland"), frozenset({S.APPROVED}), S.SCHEDULED),
    # Its moment came and it could not go live (handreiking.editorial.scheduling): still approved.
    "unschedule": Step(
        gettext_lazy("Niet gepubliceerd op het geplande moment"),
        frozenset({S.SCHEDULED}),
        S.APPROVED,
    ),
    # An approval holds for the moment it was given for: going live earlier needs a new look.
    "reopen": Step(
        gettext_lazy("Opnieuw ter controle: ander moment van publiceren"),
        frozenset({S.APPROVED, S.SCHEDULED}),
        S.SUBMITTED,
    ),
    "publish": Step(
        gettext_lazy("Gepubliceerd"), frozenset({S.APPROVED, S.SCHEDULED}), S.PUBLISHED
    ),
    "publish_unreviewed": Step(
        gettext_lazy("Met spoed gepubliceerd, zonder controle vooraf"), UNREVIEWED, S.PUBLISHED
    ),
    "withdraw": Step(gettext_lazy("Ingetrokken"), frozenset(S.values) - {S.PUBLISHED}, S.WITHDRAWN),
    "supersede": Step(
        gettext_lazy("Vervangen door een nieuwere versie"),
        frozenset({S.DRAFT, S.SUBMITTED, S.RETURNED, S.APPROVED, S.SCHEDULED}),
        S.SUPERSEDED,
    ),
}
# Fields each step writes besides the state (the rest of a revision never changes).
WORKFLOW_FIELDS = [
    "state",
    "publish_at",
    "submitted_by",
    "submitted_at",
    "reviewed_by",
    "reviewed_at",
    "review_comment",
    "published_at",
    "unreviewed_reason",
    "schedule_problem",
]


class WorkflowError(ValueError):
    """A step that is not allowed now or not by this person: the message is for the editor."""


def may_act_as_colleague(revision: Revision, user: AbstractBaseUser | None) -> bool:
    return user is not None and user.pk not in {revision.author_id, revision.submitted_by_id}


def check(revision: Revision, action: str, *, user: AbstractBaseUser | None) -> Step:
    """The step, if this user may take it on this revision now; else WorkflowError."""
    step = STEPS[action]
    sources = step.sources
    if action == "publish" and not settings.EDITING_REVIEW_REQUIRED:
        sources = sources | UNREVIEWED
    if revision.state not in sources:
        raise WorkflowError(_state_message(revision))
    if step.by_colleague and not may_act_as_colleague(revision, user):
        raise WorkflowError(
            _("U kunt uw eigen wijziging niet goedkeuren of terugsturen. Vraag een collega.")
        )
    if action == "publish_unreviewed" and not (
        user is not None and user.has_perm("handreiking.publish_without_review")
    ):
        raise WorkflowError(
            _(
                "U mag niet publiceren zonder controle vooraf. Kies „Ter controle aanbieden”: "
                "een collega kijkt dan mee."
            )
        )
    return step


def move(
    revision: Revision,
    action: str,
    *,
    user: AbstractBaseUser | None,
    comment: str = "",
    **fields,
) -> Revision:
    """Take one step: check it, set the new state (and `fields`), and record who and when."""
    step = check(revision, action, user=user)
    revision.state = step.target
    for name, value in fields.items():
        setattr(revision, name, value)
    revision.save(update_fields=WORKFLOW_FIELDS)
    RevisionEvent.objects.create(
        revision=revision,
        action=action,
        state=step.target,
        user=user if user is not None and user.is_authenticated else None,
        at=timezone.now(),
        comment=comment.strip(),
    )
    return revision


def record_saved(revision: Revision, *, user: AbstractBaseUser | None, comment: str = "") -> None:
    """The first event of every revision: saved, in the state it starts in."""
    RevisionEvent.objects.create(
        revision=revision,
        action="save",
        state=revision.state,
        user=user if user is not None and user.is_authenticated else None,
        at=revision.created_at,
        comment=comment,
    )


def _state_message(revision: Revision) -> str:
    if revision.state == S.SUPERSEDED:
        return _(
            "De tekst is veranderd nadat u hem opende: er is een nieuwere versie. Bekijk die en "
            "beslis opnieuw."
        )
    if revision.state == S.PUBLISHED:
        return _("Deze versie is al gepubliceerd.")
    if revision.state == S.WITHDRAWN:
        return _("Deze versie is ingetrokken.")
    return _("Dat kan niet met een versie die nu „%(state)s” is.") % {
        "state": revision.get_state_display().lower()
    }
