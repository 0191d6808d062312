"""The handreiking's three chapters from the shipped source text, and the three groups."""

from django.db import migrations
from django.utils import timezone

from handreiking.content import SEED_FILE as SOURCE

EDITOR_PERMISSIONS = [
    "add_chapter",
    "change_chapter",
    "view_chapter",
    "view_historicalchapter",
    "view_changenote",
    "view_chapterslug",
]


def seed(apps, schema_editor):
    from handreiking.importer import parse_handreiking

    Chapter = apps.get_model("handreiking", "Chapter")
    HistoricalChapter = apps.get_model("handreiking", "HistoricalChapter")
    ChangeNote = apps.get_model("handreiking", "ChangeNote")
    now = timezone.now()
    for item in parse_handreiking(SOURCE.read_text(encoding="utf-8")):
        if Chapter.objects.filter(number=item.number).exists():
            continue
        # The chapter write path (handreiking.editorial.writepath) renders it, as for any save.
        chapter = Chapter.objects.create(
            number=item.number,
            title=item.title,
            slug=item.slug,
            summary=item.summary,
            body=item.body,
            is_published=True,
            first_published_at=now,
            last_major_change_at=now,
        )
        HistoricalChapter.objects.create(
            id=chapter.pk,
            number=chapter.number,
            title=chapter.title,
            slug=chapter.slug,
            summary=chapter.summary,
            body=chapter.body,
            is_published=True,
            first_published_at=now,
            last_major_change_at=now,
            history_date=now,
            history_type="+",
            history_change_reason="Belangrijke wijziging: Eerste publicatie",
        )
        ChangeNote.objects.create(
            chapter=chapter, changed_at=now, note="Eerste publicatie", is_first_publication=True
        )


def groups(apps, schema_editor):
    from handreiking.groups import grant

    grant(apps, "Redacteuren", EDITOR_PERMISSIONS)
    grant(apps, "Beoordelaars", [])
    grant(apps, "HR", [])


class Migration(migrations.Migration):
    dependencies = [
        ("handreiking", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(groups, migrations.RunPython.noop),
    ]
