"""Reflections are released to reviewers in groups: the exact submission date becomes the week
of release, and submissions wait in HeldReflection until their group is complete."""

import datetime
import uuid

from django.db import migrations, models


def to_week(apps, schema_editor):
    # Reflections stored before this release were already visible one by one: coarsen their
    # date to the Monday of its week, like every later group.
    Reflection = apps.get_model("handreiking", "Reflection")
    for reflection in Reflection.objects.all().only("pk", "submitted_on").iterator():
        day = reflection.submitted_on
        week = day - datetime.timedelta(days=day.weekday())
        Reflection.objects.filter(pk=reflection.pk).update(released_week=week)


class Migration(migrations.Migration):
    dependencies = [
        ("handreiking", "0007_content_version_drop_search_text"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="reflection", name="reflection_newest"),
        migrations.RemoveIndex(model_name="reflection", name="reflection_status_newest"),
        migrations.AddField(
            model_name="reflection",
            name="released_week",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(to_week, migrations.RunPython.noop),
        migrations.RemoveField(model_name="reflection", name="submitted_on"),
        migrations.AlterField(
            model_name="reflection",
            name="released_week",
            field=models.DateField(
                help_text="De maandag van de week waarin de groep vrijkwam; geen inzenddatum.",
                verbose_name="vrijgegeven in de week van",
            ),
        ),
        migrations.AlterModelOptions(
            name="reflection",
            options={
                "ordering": ["-released_week", "id"],
                "verbose_name": "reflectie",
                "verbose_name_plural": "reflecties",
            },
        ),
        migrations.AddIndex(
            model_name="reflection",
            index=models.Index(fields=["-released_week", "id"], name="reflection_newest"),
        ),
        migrations.AddIndex(
            model_name="reflection",
            index=models.Index(
                fields=["status", "-released_week", "id"], name="reflection_status_newest"
            ),
        ),
        migrations.CreateModel(
            name="HeldReflection",
            fields=[
                (
                    "colleagues",
                    models.CharField(
                        choices=[("ja", "Ja"), ("nee", "Nee"), ("weet-niet", "Weet ik niet")],
                        max_length=10,
                        verbose_name="collega's recht in de ogen kijken",
                    ),
                ),
                (
                    "manager",
                    models.CharField(
                        choices=[("ja", "Ja"), ("nee", "Nee"), ("weet-niet", "Weet ik niet")],
                        max_length=10,
                        verbose_name="goedkeuring van je leidinggevende",
                    ),
                ),
                (
                    "newspaper",
                    models.CharField(
                        choices=[("ja", "Ja"), ("nee", "Nee"), ("weet-niet", "Weet ik niet")],
                        max_length=10,
                        verbose_name="op je gemak als het in de krant staat",
                    ),
                ),
                (
                    "topic",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("werk", "Een bericht over mijn werk"),
                            ("reactie", "Een reactie op nieuws, beleid of een discussie"),
                            ("netwerken", "Netwerken of contact leggen, bijvoorbeeld op LinkedIn"),
                            ("prive", "Iets wat ik als privépersoon wil delen"),
                            ("anders", "Iets anders"),
                        ],
                        max_length=10,
                        verbose_name="onderwerp",
                    ),
                ),
                ("text", models.TextField(blank=True, max_length=4000, verbose_name="reflectie")),
                (
                    "had_personal_data",
                    models.BooleanField(
                        default=False,
                        help_text="Er stonden persoonsgegevens in de tekst; die zijn vóór het opslaan vervangen.",
                        verbose_name="bevatte persoonsgegevens",
                    ),
                ),
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("held_since", models.DateField(verbose_name="wacht sinds de week van")),
            ],
            options={
                "verbose_name": "wachtende reflectie",
                "verbose_name_plural": "wachtende reflecties",
            },
        ),
        migrations.AlterField(
            model_name="reflection",
            name="manager",
            field=models.CharField(
                choices=[("ja", "Ja"), ("nee", "Nee"), ("weet-niet", "Weet ik niet")],
                max_length=10,
                verbose_name="goedkeuring van je leidinggevende",
            ),
        ),
    ]
