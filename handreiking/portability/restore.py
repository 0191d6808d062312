"""Put an exported document back: all of it in one transaction, or nothing.

The whole document is read and checked before the first write, so a broken file changes
nothing. The chapter rows go in first, then every revision (each rendered again for its
preview) with its steps through review, so that each chapter already has its live revision
when it is saved through the chapter write path. What readers see is the live revision's text,
copied onto the chapter by the editorial publishing code (`publishing.show_to_readers`), never
the chapter row's own copy (`portability.revisions` refuses a file where the two differ); the
write path then renders the HTML, table of contents, sections and readability, indexes for
search and replaces the content version. Saves use simple_history's `skip_history_when_saving`,
because the document brings the history itself. What the write path stamps (publication dates,
review date) is put back with update() afterwards; retired anchors are inserted before a second
save, so the write path writes them into the stored HTML as it did when they retired; former
addresses come last, after the saves that would otherwise touch them.
"""

from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction

from handreiking.editorial.publishing import show_to_readers
from handreiking.models import (
    AnchorAlias,
    BestAnswer,
    Chapter,
    ContentVersion,
    Image,
    Revision,
    RevisionEvent,
    SearchTerm,
    Synonym,
)
from handreiking.portability.document import STAMPED_FIELDS, PortabilityError, Users
from handreiking.portability.reading import ChapterPlan, read
from handreiking.portability.revisions import RevisionPlan

# Models whose ids the document keeps; their id sequences must continue after the largest.
KEPT_IDS = (Chapter, Image, Synonym, BestAnswer, Revision)


@dataclass
class ImportSummary:
    chapters: int = 0
    versions: int = 0
    revisions: int = 0
    # Arrived approved or scheduled: back in review, for a colleague here to approve again.
    resubmitted: int = 0
    # Other open work that arrived with something only a review or publication gives (dropped).
    dropped: int = 0
    # Arrived published though the live text does not build on it: withdrawn.
    withdrawn: int = 0
    # Chapters whose live text readers see through this import (a step in its audit trail).
    live: int = 0
    images: int = 0
    unknown_users: set[str] = field(default_factory=set)


def import_content(*, document, replace: bool = False) -> ImportSummary:
    """Import a document made by `export_content`. Refuses when the database already has
    content, unless `replace`: then that content is deleted first, in the same transaction."""
    users = Users()
    plan = read(document, users)
    try:
        with transaction.atomic():
            _make_room(replace=replace)
            # Rows only (no write path yet), for the revisions to belong to.
            Chapter.objects.bulk_create([item.chapter for item in plan.chapters])
            _insert_revisions(plan.revisions)
            _continue_sequences()  # a revision the write path might add comes after the kept
            for item in plan.chapters:
                _restore_chapter(item)
            for image in plan.images:
                _insert(image)
            for instance, history in plan.editorial:
                _insert(instance)
                type(instance).history.model.objects.bulk_create(history)
            _continue_sequences()
            # Every instance serves the imported text on its next request.
            ContentVersion.objects.bump()
    except DatabaseError as error:
        raise PortabilityError(f"De inhoud past niet in deze database: {error}") from error
    return ImportSummary(
        chapters=len(plan.chapters),
        versions=sum(len(item.history) for item in plan.chapters),
        revisions=len(plan.revisions),
        resubmitted=sum(revision.resubmitted for revision in plan.revisions),
        dropped=sum(
            bool(revision.dropped) and not (revision.resubmitted or revision.withdrawn)
            for revision in plan.revisions
        ),
        withdrawn=sum(revision.withdrawn for revision in plan.revisions),
        live=sum(revision.live for revision in plan.revisions),
        images=len(plan.images),
        unknown_users=users.missing,
    )


def delete_content() -> None:
    """Remove all content (what an export holds, and what is derived from it); reflections,
    accounts and search statistics stay."""
    with transaction.atomic():
        # With their revisions, notes, addresses, anchors and search rows.
        Chapter.objects.all().delete()
        Image.objects.all().delete()
        Synonym.objects.all().delete()
        # Deleting adds a "deleted" version to each history: the history goes as well.
        for model in (Chapter, Synonym, BestAnswer):
            model.history.model.objects.all().delete()
        SearchTerm.objects.all().delete()


def _make_room(*, replace: bool) -> None:
    counts = {
        "hoofdstukken": Chapter.objects.count(),
        "versies in de geschiedenis": Chapter.history.model.objects.count(),
        "opgeslagen versies van de redactie": Revision.objects.count(),
        "afbeeldingen": Image.objects.count(),
    }
    found = ", ".join(f"{count} {label}" for label, count in counts.items() if count)
    if found and not replace:
        raise PortabilityError(
            f"De database heeft al inhoud ({found}). Een nieuwe "
            "installatie heeft na migrate ook al de hoofdstukken van de handreiking. Wilt u "
            "alle bestaande inhoud vervangen door die uit het bestand? Gebruik dan --replace."
        )
    # Also without chapters: the search settings migrate installs give way to the document's.
    delete_content()


def _insert_revisions(plans: list[RevisionPlan]) -> None:
    """Every revision in document order (a parent in the same document may come later: foreign
    keys are checked at commit), then all their steps, in order."""
    for plan in plans:
        plan.revision.save(force_insert=True)  # renders its preview
        for event in plan.events:
            event.revision = plan.revision
    RevisionEvent.objects.bulk_create([event for plan in plans for event in plan.events])


def _restore_chapter(item: ChapterPlan) -> None:
    chapter = item.chapter
    stamped = {name: getattr(chapter, name) for name in STAMPED_FIELDS}
    if item.live is not None:
        show_to_readers(chapter, item.live)
    else:
        chapter.live_revision_id = None
    chapter.skip_history_when_saving = True
    chapter.save()  # the write path, on the row inserted before
    if item.aliases:
        AnchorAlias.objects.bulk_create(item.aliases)
        chapter.save()  # the write path now keeps these anchors in the stored HTML
    Chapter.objects.filter(pk=chapter.pk).update(**stamped)
    Chapter.history.model.objects.bulk_create(item.history)
    for instance in [*item.former_slugs, *item.notes, *item.onboarding]:
        _insert(instance)


def _insert(instance) -> None:
    """Save a new row and keep its exported times, which auto_now and auto_now_add replace."""
    kept = {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        and getattr(instance, f.attname) is not None
    }
    instance.skip_history_when_saving = True  # the document brings the history
    instance.save(force_insert=True)
    if kept:
        type(instance)._base_manager.filter(pk=instance.pk).update(**kept)


def _continue_sequences() -> None:
    """New rows after an import get ids after the imported ones (PostgreSQL's sequences do not
    follow explicit ids; SQLite needs nothing). A sequence only ever moves forward, and past
    every id its history ever recorded: a new row never takes the id, and so the history, of
    one that was deleted."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in KEPT_IDS:
            column, tables = model._meta.pk.column, [model._meta.db_table]
            if history := getattr(model, "history", None):
                tables.append(history.model._meta.db_table)
            highest = " UNION ALL ".join(
                f"SELECT MAX({quote(column)}) FROM {quote(table)}"  # noqa: S608 (names, no input)
                for table in tables
            )
            cursor.execute(
                "SELECT setval(seq, GREATEST(seen.top, sequence.last_value, 1)) "  # noqa: S608
                "FROM (SELECT pg_get_serial_sequence(%s, %s) AS seq) AS named, "
                f"(SELECT COALESCE(MAX(top), 0) AS top FROM ({highest}) AS ids(top)) AS seen, "
                "LATERAL (SELECT COALESCE(last_value, 0) AS last_value FROM pg_sequences "
                "WHERE schemaname || '.' || sequencename = named.seq) AS sequence",
                [model._meta.db_table, column],
            )
