"""Reading an export document into unsaved rows, checked before anything is written.

Every value goes through its model field's own conversion and checks; a username this database
does not know becomes no user. A mistake anywhere is a PortabilityError that says where, in
Dutch, and nothing has changed yet.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from handreiking.models import (
    AnchorAlias,
    BestAnswer,
    ChangeNote,
    Chapter,
    ChapterDraft,
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
    PortabilityError,
    history_fields,
    items,
    load,
    username,
)


@dataclass
class ChapterPlan:
    chapter: Chapter
    history: list
    former_slugs: list
    aliases: list
    notes: list
    draft: ChapterDraft | None
    onboarding: list


@dataclass
class Plan:
    chapters: list[ChapterPlan] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    editorial: list[tuple] = field(default_factory=list)  # (synonym or best answer, history)


class Users:
    """Usernames in the document to ids here; a name this database does not know becomes no
    user (the version or draft stays, without a name)."""

    def __init__(self) -> None:
        self.ids: dict[str, int | None] = {}
        self.missing: set[str] = set()

    def id_for(self, name: str | None) -> int | None:
        if name is None:
            return None
        if name not in self.ids:
            model = get_user_model()
            found = model.objects.filter(**{model.USERNAME_FIELD: name}).values_list("pk")
            self.ids[name] = (found.first() or (None,))[0]
            if self.ids[name] is None:
                self.missing.add(name)
        return self.ids[name]


def check_format(document) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PortabilityError(
            "Dit is geen export van de inhoud van het Handreiking-portaal "
            f"(het veld „format” moet „{FORMAT}” zijn)."
        )
    version = document.get("format_version")
    if version != FORMAT_VERSION:
        raise PortabilityError(
            f"Dit bestand heeft formaatversie {version!r}; deze versie van het portaal leest "
            f"alleen formaatversie {FORMAT_VERSION}."
        )


def read(document: dict, users: Users) -> Plan:
    plan = Plan()
    for index, row in enumerate(items(document, "chapters", where="het bestand"), start=1):
        plan.chapters.append(_read_chapter(row, where=f"hoofdstuk {index}", users=users))
    for index, row in enumerate(items(document, "images", where="het bestand"), start=1):
        where = f"afbeelding {index}"
        image = load(Image, row, IMAGE_FIELDS, where=where)
        image.uploaded_by_id = users.id_for(username(row.get("uploaded_by"), where=where))
        plan.images.append(image)
    chapter_ids = {item.chapter.pk for item in plan.chapters}
    for key, model, names in (
        ("synonyms", Synonym, SYNONYM_FIELDS),
        ("best_answers", BestAnswer, BEST_ANSWER_FIELDS),
    ):
        for index, row in enumerate(items(document, key, where="het bestand"), start=1):
            where = f"{model._meta.verbose_name} {index}"
            instance = load(model, row, names, where=where)
            if key == "best_answers" and instance.chapter_id not in chapter_ids:
                raise PortabilityError(f"{where}: hoofdstuk {instance.chapter_id} ontbreekt.")
            history = _read_history(model, row, instance.pk, where=where, users=users)
            plan.editorial.append((instance, history))
    _check_unique(plan)
    return plan


def _read_chapter(row, *, where: str, users: Users) -> ChapterPlan:
    chapter = load(Chapter, row, CHAPTER_FIELDS, where=where)
    where = f"hoofdstuk {chapter.number} ({chapter.slug})"
    link = {"chapter_id": chapter.pk}

    def rows(key: str, model, names: tuple[str, ...], label: str) -> list:
        found = items(row, key, where=where)
        return [
            load(model, item, names, where=f"{where}, {label} {index}", **link)
            for index, item in enumerate(found, start=1)
        ]

    draft = None
    if row.get("draft") is not None:
        draft = load(ChapterDraft, row["draft"], DRAFT_FIELDS, where=f"{where}, concept", **link)
        for name in DRAFT_USER_FIELDS:
            name_here = username(row["draft"].get(name), where=f"{where}, concept")
            setattr(draft, f"{name}_id", users.id_for(name_here))
    return ChapterPlan(
        chapter=chapter,
        history=_read_history(Chapter, row, chapter.pk, where=where, users=users),
        former_slugs=rows("former_slugs", ChapterSlug, FORMER_SLUG_FIELDS, "oud adres"),
        aliases=rows("anchor_aliases", AnchorAlias, ALIAS_FIELDS, "oud anker"),
        notes=rows("change_notes", ChangeNote, CHANGE_NOTE_FIELDS, "wijzigingsnotitie"),
        draft=draft,
        onboarding=rows("onboarding_materials", OnboardingMaterial, ONBOARDING_FIELDS, "materiaal"),
    )


def _read_history(model, row: dict, pk, *, where: str, users: Users) -> list:
    historical = model.history.model
    names = history_fields(historical)
    versions = []
    for index, item in enumerate(items(row, "history", where=where), start=1):
        here = f"{where}, versie {index}"
        version = load(historical, item, names, where=here, **{model._meta.pk.attname: pk})
        version.history_user_id = users.id_for(username(item.get("history_user"), where=here))
        versions.append(version)
    return versions


def _check_unique(plan: Plan) -> None:
    """What the database would refuse anyway, said in words an operator understands."""
    seen_ids: set[int] = set()
    seen_slugs: set[str] = set()
    for item in plan.chapters:
        if item.chapter.pk in seen_ids:
            raise PortabilityError(
                f"Hoofdstuk-id {item.chapter.pk} staat twee keer in het bestand."
            )
        seen_ids.add(item.chapter.pk)
        for slug in [item.chapter.slug, *(former.slug for former in item.former_slugs)]:
            if slug in seen_slugs:
                raise PortabilityError(f"Het adres „{slug}” staat twee keer in het bestand.")
            seen_slugs.add(slug)
    image_ids = [image.pk for image in plan.images]
    if len(set(image_ids)) != len(image_ids):
        raise PortabilityError("Een afbeelding-id staat twee keer in het bestand.")
