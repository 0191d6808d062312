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
    Synonym,
)
from handreiking.portability.document import (
    ALIAS_FIELDS,
    BEST_ANSWER_FIELDS,
    CHANGE_NOTE_FIELDS,
    CHAPTER_FIELDS,
    DRAFT_FIELDS,
    DRAFT_USER_FIELDS,
    FORMAT,
    FORMAT_VERSION,
    FORMER_SLUG_FIELDS,
    IMAGE_FIELDS,
    ONBOARDING_FIELDS,
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
    return (
        Chapter.objects.in_order()
        .select_related(
            "draft__updated_by",
            "draft__scheduled_by",
            "draft__review_requested_by",
            "draft__reviewed_by",
        )
        .prefetch_related(
            Prefetch("former_slugs", ChapterSlug.objects.order_by("created_at", "slug")),
            Prefetch("anchor_aliases", AnchorAlias.objects.order_by("anchor")),
            Prefetch("change_notes", ChangeNote.objects.order_by("changed_at", "pk")),
            Prefetch("onboarding_materials", OnboardingMaterial.objects.order_by("title", "pk")),
        )
    )


def _chapter(chapter: Chapter) -> dict:
    draft = getattr(chapter, "draft", None)
    return {
        **dump(chapter, CHAPTER_FIELDS),
        "history": _history(Chapter, chapter.pk),
        "former_slugs": [dump(row, FORMER_SLUG_FIELDS) for row in chapter.former_slugs.all()],
        "anchor_aliases": [dump(row, ALIAS_FIELDS) for row in chapter.anchor_aliases.all()],
        "change_notes": [dump(row, CHANGE_NOTE_FIELDS) for row in chapter.change_notes.all()],
        "draft": _draft(draft) if draft else None,
        "onboarding_materials": [
            dump(row, ONBOARDING_FIELDS) for row in chapter.onboarding_materials.all()
        ],
    }


def _draft(draft) -> dict:
    users = {name: _username(getattr(draft, name)) for name in DRAFT_USER_FIELDS}
    return {**dump(draft, DRAFT_FIELDS), **users}


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
