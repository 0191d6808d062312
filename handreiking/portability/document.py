"""The shape of an export document, and turning field values into JSON and back.

One place decides which fields travel: the ones nobody derives. Derived fields (rendered HTML,
table of contents, sections, readability of the current text, search documents, a revision's
preview) are made again on import; a version's readability in the history is kept, because the
history is never re-rendered.
"""

import base64
from datetime import UTC, date, datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models

FORMAT = "handreiking-portaal-inhoud"
FORMAT_VERSION = 2
# Format version 1 had one shared draft per chapter instead of revisions; still read.
LEGACY_VERSION = 1
READABLE_VERSIONS = (LEGACY_VERSION, FORMAT_VERSION)

CHAPTER_FIELDS = (
    "id",  # kept: the permanent link /h/<id>/ and HR's QR codes depend on it
    "number",
    "title",
    "slug",
    "summary",
    "body",
    "is_published",
    "first_published_at",
    "last_major_change_at",
    "review_by",
    "last_checked_at",
    "needs_check",
)
# What a chapter save stamps; put back exactly as exported once the saves are done.
STAMPED_FIELDS = (
    "first_published_at",
    "last_major_change_at",
    "review_by",
    "last_checked_at",
    "needs_check",
)
FORMER_SLUG_FIELDS = ("slug", "created_at")
ALIAS_FIELDS = ("anchor", "title", "target", "kind", "retired_at")
CHANGE_NOTE_FIELDS = ("changed_at", "note", "is_first_publication")
ONBOARDING_FIELDS = ("title", "url", "description", "updated_at")
# Kept ids, like chapters and images: a superseded revision's event names its successor as
# "#<id>", and the admin's address of a revision (/admin/…/versie/<id>/) sits in messages and
# bookmarks. parent and merged_from are these ids, so they refer within the document.
REVISION_FIELDS = (
    "id",
    "parent",
    "merged_from",
    "created_at",
    "number",
    "title",
    "slug",
    "summary",
    "body",
    "change_kind",
    "change_note",
    "state",
    "publish_at",
    "submitted_at",
    "reviewed_at",
    "review_comment",
    "published_at",
    "unreviewed_reason",
    "schedule_problem",
)
REVISION_USER_FIELDS = ("author", "submitted_by", "reviewed_by")
EVENT_FIELDS = ("action", "state", "at", "comment")  # and "user", as a username
# Kept ids: chapter bodies link to an image by its address, /afbeeldingen/<id>.<ext>.
IMAGE_FIELDS = ("id", "alt_text", "content_type", "width", "height", "size", "uploaded_at", "data")
SYNONYM_FIELDS = ("id", "terms", "note", "updated_at")
BEST_ANSWER_FIELDS = ("id", "query", "chapter", "anchor", "note", "updated_at")
HISTORY_META_FIELDS = ("history_date", "history_type", "history_change_reason")


class PortabilityError(Exception):
    """A document that cannot be read or imported; the message is Dutch and says where."""


class Users:
    """Usernames in the document to ids here; a name this database does not know becomes no
    user (the version, revision or step stays, without a name)."""

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


def history_fields(model) -> tuple[str, ...]:
    """The historical model's own fields and the tracked fields of each version; not the row
    id (order says enough), the object id (the document nests versions under their object) or
    the user (travels as a username)."""
    skip = {"history_id", "history_user", model.instance_type._meta.pk.name}
    names = [f.name for f in model._meta.concrete_fields if f.name not in skip]
    meta = [name for name in HISTORY_META_FIELDS if name in names]
    return (*meta, *(name for name in names if name not in meta))


def dump(instance: models.Model, names: tuple[str, ...]) -> dict:
    """Field values as JSON: datetimes in UTC with microseconds, dates as YYYY-MM-DD, bytes in
    base64, foreign keys as the id."""
    row = {}
    for name in names:
        field = instance._meta.get_field(name)
        row[name] = to_json(getattr(instance, field.attname))
    return row


def to_json(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def load(model, row, names: tuple[str, ...], *, where: str, **extra) -> models.Model:
    """An unsaved instance from a document row, each value converted and checked the way the
    model field does; a missing or wrong value is a PortabilityError that says where."""
    if not isinstance(row, dict):
        raise PortabilityError(f"{where}: verwacht een object met velden.")
    values = {}
    for name in names:
        if name not in row:
            raise PortabilityError(f"{where}: het veld „{name}” ontbreekt.")
        field = model._meta.get_field(name)
        values[field.attname] = convert(field, row[name], where=where)
    return model(**values, **extra)


def convert(field: models.Field, raw, *, where: str, label: str | None = None):
    """One value as `field` takes it; `label` names it as the document does, when that differs."""
    try:
        if isinstance(field, models.BinaryField) and not isinstance(raw, str):
            raise ValidationError("verwacht base64-tekst")
        if isinstance(field, models.BinaryField):
            value = base64.b64decode(raw.encode("ascii"), validate=True)
        elif isinstance(raw, dict | list) and not isinstance(field, models.JSONField):
            raise ValidationError("verwacht een enkele waarde")
        else:
            value = field.to_python(raw)
        if value is None and not field.null:
            raise ValidationError(field.error_messages["null"])
        if value is not None:
            field.run_validators(value)
        if field.choices and value not in {choice for choice, _label in field.flatchoices}:
            raise ValidationError(f"„{value}” is geen toegestane waarde")
    except (ValidationError, ValueError) as error:
        reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        name = label or field.name
        raise PortabilityError(f"{where}: het veld „{name}” klopt niet: {reason}") from None
    return value


def items(parent: dict, key: str, *, where: str) -> list:
    """A list in the document; missing counts as empty, anything else than a list is an error."""
    value = parent.get(key, [])
    if not isinstance(value, list):
        raise PortabilityError(f"{where}: „{key}” moet een lijst zijn.")
    return value


def username(value, *, where: str) -> str | None:
    if value is None or (isinstance(value, str) and value):
        return value
    raise PortabilityError(f"{where}: een gebruikersnaam moet tekst zijn of null.")
