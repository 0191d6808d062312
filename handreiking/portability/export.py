"""Everything that makes up the handreiking's content, as one JSON-ready document.

The order of every list is fixed (by number, date, anchor or id), so exporting the same content
twice gives the same document apart from the export time."""

from django.db.models import Prefetch
from django.utils import timezone

from handreiking.models import (
    AnchorAlias,
    BestAnswer,
    ChangeNote,
    Chapter,
    ChapterSlug,
    Image,
    OnboardingMaterial,
    Revision,
    RevisionEvent,
    Synonym,
)
from handreiking.portability.document import (
    ALIAS_FIELDS,
    BEST_ANSWER_FIELDS,
    CHANGE_NOTE_FIELDS,
    CHAPTER_FIELDS,
    EVENT_FIELDS,
    FORMAT,
    FORMAT_VERSION,
    FORMER_SLUG_FIELDS,
    IMAGE_FIELDS,
    ONBOARDING_FIELDS,
    REVISION_FIELDS,
    REVISION_USER_FIELDS,
    SYNONYM_FIELDS,
    dump,
    history_fields,
    to_json,
)


def export_content() -> dict:
    """The whole content as a dict that json.dumps can write."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": to_json(timezone.now()),
        "chapters": [_chapter(chapter) for chapter in _chapters()],
        "images": [
            _image(image) for image in Image.objects.select_related("uploaded_by").order_by("pk")
        ],
        "synonyms": _with_history(Synonym, Synonym.objects.order_by("pk"), SYNONYM_FIELDS),
        "best_answers": _with_history(
            BestAnswer, BestAnswer.objects.order_by("pk"), BEST_ANSWER_FIELDS
        ),
    }


def _chapters():
    revisions = Revision.objects.select_related(*REVISION_USER_FIELDS).order_by("pk")
    events = RevisionEvent.objects.select_related("user").order_by("at", "pk")
    return Chapter.objects.in_order().prefetch_related(
        Prefetch("revisions", revisions),
        Prefetch("revisions__events", events),
        Prefetch("former_slugs", ChapterSlug.objects.order_by("created_at", "slug")),
        Prefetch("anchor_aliases", AnchorAlias.objects.order_by("anchor")),
        Prefetch("change_notes", ChangeNote.objects.order_by("changed_at", "pk")),
        Prefetch("onboarding_materials", OnboardingMaterial.objects.order_by("title", "pk")),
    )


def _chapter(chapter: Chapter) -> dict:
    return {
        **dump(chapter, CHAPTER_FIELDS),
        "history": _history(Chapter, chapter.pk),
        "former_slugs": [dump(row, FORMER_SLUG_FIELDS) for row in chapter.former_slugs.all()],
        "anchor_aliases": [dump(row, ALIAS_FIELDS) for row in chapter.anchor_aliases.all()],
        "change_notes": [dump(row, CHANGE_NOTE_FIELDS) for row in chapter.change_notes.all()],
        "live_revision": chapter.live_revision_id,
        "revisions": [_revision(revision) for revision in chapter.revisions.all()],
        "onboarding_materials": [
            dump(row, ONBOARDING_FIELDS) for row in chapter.onboarding_materials.all()
        ],
    }


def _revision(revision: Revision) -> dict:
    """A revision with its people as usernames and its steps through review, oldest first."""
    users = {name: _username(getattr(revision, name)) for name in REVISION_USER_FIELDS}
    events = [
        {**dump(event, EVENT_FIELDS), "user": _username(event.user)}
        for event in revision.events.all()
    ]
    return {**dump(revision, REVISION_FIELDS), **users, "events": events}


def _image(image: Image) -> dict:
    return {**dump(image, IMAGE_FIELDS), "uploaded_by": _username(image.uploaded_by)}


def _with_history(model, queryset, names: tuple[str, ...]) -> list[dict]:
    return [{**dump(row, names), "history": _history(model, row.pk)} for row in queryset]


def _history(model, pk: int) -> list[dict]:
    """Every version of one object, oldest first, with who made it as a username."""
    historical = model.history.model
    names = history_fields(historical)
    rows = (
        historical.objects.filter(**{model._meta.pk.attname: pk})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    return [{**dump(row, names), "history_user": _username(row.history_user)} for row in rows]


def _username(user) -> str | None:
    return user.get_username() if user is not None else None
