"""Who is editing which chapter: recorded when an edit page opens, refreshed by its heartbeat,
ended when the editor leaves (the admin's presence views and static/js/editor.js use these)."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list

from handreiking.editorial.publishing import display_name
from handreiking.editorial.revisions import head
from handreiking.ids import parse_id
from handreiking.models import Chapter, EditingPresence

# Rows of editors whose browser never said goodbye (a crash, a closed laptop) go after a day.
PRESENCE_KEPT = timedelta(days=1)


def heartbeat_seconds() -> int:
    """How often the edit page says it is still open: three times within the presence window,
    so one late heartbeat never makes an editor disappear for the others."""
    return max(1, settings.EDITING_PRESENCE_SECONDS // 3)


def record_presence(*, chapter: Chapter, user) -> None:
    """The editor has the chapter open now. "Since" restarts when the editor had gone quiet."""
    now = timezone.now()
    window = timedelta(seconds=settings.EDITING_PRESENCE_SECONDS)
    mine = EditingPresence.objects.filter(chapter=chapter, user=user)
    # An editor who was away longer than the window starts anew; otherwise only "last seen".
    if mine.filter(seen_at__lt=now - window).update(started_at=now, seen_at=now):
        return
    if mine.update(seen_at=now):
        return
    try:
        with transaction.atomic():
            EditingPresence.objects.create(chapter=chapter, user=user, started_at=now, seen_at=now)
    except IntegrityError:
        # The same editor in two tabs, both arriving at once: the other request made the row.
        mine.update(seen_at=now)


def end_presence(*, chapter: Chapter, user) -> None:
    EditingPresence.objects.filter(chapter=chapter, user=user).delete()


def forget_old_presences(*, now=None) -> None:
    now = now or timezone.now()
    EditingPresence.objects.filter(seen_at__lt=now - PRESENCE_KEPT).delete()


def since_label(moment) -> str:
    """ "14:05" today, "3 maart, 14:05" on an earlier day (local time)."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return date_format(local, "j F, H:i")


def other_editors(*, chapter: Chapter, user) -> list[dict[str, str]]:
    """The other editors active on the chapter, longest there first."""
    presences = (
        EditingPresence.objects.active()
        .filter(chapter=chapter)
        .exclude(user=user)
        .select_related("user")
        .order_by("started_at", "pk")
    )
    return [
        {"name": display_name(presence.user), "since": since_label(presence.started_at)}
        for presence in presences
    ]


def presence_message(editors: list[dict[str, str]]) -> str:
    """The notice for the editor, in one sentence; empty when nobody else is editing."""
    if not editors:
        return ""
    advice = "Overleg even, zodat u elkaars werk niet overschrijft."
    if len(editors) == 1:
        editor = editors[0]
        return (
            f"Let op: {editor['name']} bewerkt dit hoofdstuk ook, sinds {editor['since']}. {advice}"
        )
    names = get_text_list(
        [f"{editor['name']} (sinds {editor['since']})" for editor in editors], "en"
    )
    return f"Let op: {names} bewerken dit hoofdstuk ook. {advice}"


def newer_revision_message(chapter: Chapter, *, opened: str) -> str:
    """Told on the next heartbeat when someone saved a version after this editor opened theirs:
    saving then keeps both, and the editor merges them."""
    current, opened_pk = head(chapter), parse_id(opened)
    if current is None or opened_pk is None or current.pk == opened_pk:
        return ""
    return (
        f"{display_name(current.author)} heeft om "
        f"{timezone.localtime(current.created_at).strftime('%H:%M')} een nieuwere versie "
        "opgeslagen. Slaat u op, dan bewaart het portaal beide versies en voegt u ze daarna "
        "samen."
    )
