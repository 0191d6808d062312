"""Reading an export document into unsaved rows, checked before anything is written.

Every value goes through its model field's own conversion and checks, every image through the
upload's check; a username this database does not know becomes no user. A mistake anywhere is a
PortabilityError that says where, in Dutch, and nothing has changed yet. Revisions, and why an
approval does not come along: `handreiking.portability.revisions`.
"""

from dataclasses import dataclass, field
from datetime import datetime

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
    Synonym,
)
from handreiking.portability.document import (
    ALIAS_FIELDS,
    BEST_ANSWER_FIELDS,
    CHANGE_NOTE_FIELDS,
    CHAPTER_FIELDS,
    FORMAT,
    FORMAT_VERSION,
    FORMER_SLUG_FIELDS,
    IMAGE_FIELDS,
    LEGACY_VERSION,
    ONBOARDING_FIELDS,
    READABLE_VERSIONS,
    SYNONYM_FIELDS,
    PortabilityError,
    Users,
    history_fields,
    items,
    load,
    username,
)
from handreiking.portability.images import check_image
from handreiking.portability.revisions import (
    RevisionPlan,
    check_references,
    legacy_revisions,
    read_revisions,
)


@dataclass
class ChapterPlan:
    chapter: Chapter
    history: list
    former_slugs: list
    aliases: list
    notes: list
    revisions: list[RevisionPlan]
    live: Revision | None
    onboarding: list


@dataclass
class Plan:
    chapters: list[ChapterPlan] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    editorial: list[tuple] = field(default_factory=list)  # (synonym or best answer, history)

    @property
    def revisions(self) -> list[RevisionPlan]:
        return [plan for item in self.chapters for plan in item.revisions]


def check_format(document) -> int:
    """The document's format version, if this portal reads it."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PortabilityError(
            "Dit is geen export van de inhoud van het Handreiking-portaal "
            f"(het veld „format” moet „{FORMAT}” zijn)."
        )
    version = document.get("format_version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        readable = " en ".join(str(number) for number in READABLE_VERSIONS)
        raise PortabilityError(
            f"Dit bestand heeft formaatversie {version!r}; deze versie van het portaal leest "
            f"formaatversie {readable} (de nieuwste is {FORMAT_VERSION})."
        )
    return version


def read(document: dict, users: Users) -> Plan:
    version, now = check_format(document), timezone.now()
    plan = Plan()
    for index, row in enumerate(items(document, "chapters", where="het bestand"), start=1):
        where = f"hoofdstuk {index}"
        plan.chapters.append(_read_chapter(row, version, where=where, users=users, now=now))
    for index, row in enumerate(items(document, "images", where="het bestand"), start=1):
        where = f"afbeelding {index}"
        image = load(Image, row, IMAGE_FIELDS, where=where)
        image.uploaded_by_id = users.id_for(username(row.get("uploaded_by"), where=where))
        check_image(image, where=where)
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
    check_references(plan.revisions)
    return plan


def _read_chapter(row, version: int, *, where: str, users: Users, now: datetime) -> ChapterPlan:
    chapter = load(Chapter, row, CHAPTER_FIELDS, where=where)
    where = f"hoofdstuk {chapter.number} ({chapter.slug})"
    link = {"chapter_id": chapter.pk}

    def rows(key: str, model, names: tuple[str, ...], label: str) -> list:
        found = items(row, key, where=where)
        return [
            load(model, item, names, where=f"{where}, {label} {index}", **link)
            for index, item in enumerate(found, start=1)
        ]

    revisions = legacy_revisions if version == LEGACY_VERSION else read_revisions
    plans, live = revisions(row, chapter, where=where, users=users, now=now)
    return ChapterPlan(
        chapter=chapter,
        history=_read_history(Chapter, row, chapter.pk, where=where, users=users),
        former_slugs=rows("former_slugs", ChapterSlug, FORMER_SLUG_FIELDS, "oud adres"),
        aliases=rows("anchor_aliases", AnchorAlias, ALIAS_FIELDS, "oud anker"),
        notes=rows("change_notes", ChangeNote, CHANGE_NOTE_FIELDS, "wijzigingsnotitie"),
        revisions=plans,
        live=live,
        onboarding=rows("onboarding_materials", OnboardingMaterial, ONBOARDING_FIELDS, "materiaal"),
    )


def _read_history(model, row: dict, pk, *, where: str, users: Users) -> list:
    historical = model.history.model
    names = history_fields(historical)
    versions = []
    for index, item in enumerate(items(row, "history", where=where), start=1):
        here = f"{where}, versie {index} in de geschiedenis"
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
