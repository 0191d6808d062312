"""Revisions replace the one shared draft per chapter.

Every published chapter gets a published revision of what readers see now (its live revision);
every draft becomes an open revision on top of it, in the state it was in. Change reasons become
a text column: an editor's note (up to 1,000 characters) no longer overflows on PostgreSQL."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from handreiking import markdown
from handreiking.editorial.text import normalise_text

DRAFT_STATES = {"": "draft", "requested": "submitted", "returned": "returned", "approved": "approved"}


def to_revisions(apps, schema_editor):
    chapter_model = apps.get_model("handreiking", "Chapter")
    draft_model = apps.get_model("handreiking", "ChapterDraft")
    revision_model = apps.get_model("handreiking", "Revision")
    event_model = apps.get_model("handreiking", "RevisionEvent")

    def create(chapter, source, **fields):
        # Saved as editors save from now on: a browser's CRLF and stray spaces are no change.
        body = normalise_text(source.body)
        rendered = markdown.render_chapter(body, title=source.title)
        revision = revision_model.objects.create(
            chapter=chapter,
            number=chapter.number,
            title=normalise_text(source.title).strip(),
            slug=source.slug,
            summary=normalise_text(source.summary).strip(),
            body=body,
            body_html=rendered.html,
            toc=rendered.toc,
            **fields,
        )
        event_model.objects.create(
            revision=revision,
            action="save",
            state=revision.state,
            user_id=fields.get("author_id"),
            at=revision.created_at,
            comment="Overgenomen bij de overstap naar versies",
        )
        return revision

    for chapter in chapter_model.objects.all():
        live = None
        if chapter.is_published:
            moment = chapter.last_major_change_at or chapter.updated_at
            live = create(
                chapter,
                chapter,
                state="published",
                created_at=moment,
                published_at=moment,
            )
            chapter_model.objects.filter(pk=chapter.pk).update(live_revision=live)
        draft = draft_model.objects.filter(chapter=chapter).first()
        if draft is None:
            continue
        state = DRAFT_STATES.get(draft.review_state, "draft")
        if state == "approved" and draft.publish_at:
            state = "scheduled"
        elif state == "draft" and draft.publish_at:
            # Planned without review, as minor changes could be: every change is reviewed now,
            # so it waits on the editors' list instead of silently never going live.
            state = "submitted"
        create(
            chapter,
            draft,
            parent=live,
            author_id=draft.updated_by_id,
            created_at=draft.updated_at,
            change_kind=draft.change_kind,
            change_note=draft.change_note,
            state=state,
            publish_at=draft.publish_at,
            submitted_by_id=draft.review_requested_by_id
            or (draft.updated_by_id if state == "submitted" else None),
            submitted_at=draft.review_requested_at
            or (draft.updated_at if state == "submitted" else None),
            reviewed_by_id=draft.reviewed_by_id,
            reviewed_at=draft.reviewed_at,
            review_comment=draft.review_comment,
            schedule_problem=draft.schedule_problem,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("handreiking", "0012_editors_see_external_links"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Revision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="opgeslagen op")),
                ("number", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="nummer")),
                ("title", models.CharField(max_length=200, verbose_name="titel")),
                ("slug", models.SlugField(max_length=100, verbose_name="adres (slug)")),
                ("summary", models.TextField(blank=True, max_length=400, verbose_name="samenvatting")),
                ("body", models.TextField(verbose_name="tekst")),
                ("change_kind", models.CharField(choices=[("minor", "Kleine wijziging"), ("major", "Belangrijke wijziging")], default="minor", max_length=5, verbose_name="soort wijziging")),
                ("change_note", models.TextField(blank=True, max_length=1000, verbose_name="wijzigingsnotitie")),
                ("body_html", models.TextField(default="", editable=False)),
                ("toc", models.JSONField(default=list, editable=False)),
                ("state", models.CharField(choices=[("draft", "Concept"), ("submitted", "Ter controle"), ("returned", "Teruggestuurd"), ("approved", "Goedgekeurd"), ("scheduled", "Gepland"), ("published", "Gepubliceerd"), ("withdrawn", "Ingetrokken"), ("superseded", "Vervangen door een nieuwere versie")], db_index=True, default="draft", max_length=10, verbose_name="stand")),
                ("publish_at", models.DateTimeField(blank=True, help_text="Leeg: direct na goedkeuring. Anders gaat de tekst op dit moment live.", null=True, verbose_name="publiceren op")),
                ("submitted_at", models.DateTimeField(blank=True, null=True, verbose_name="ter controle aangeboden op")),
                ("reviewed_at", models.DateTimeField(blank=True, null=True, verbose_name="gecontroleerd op")),
                ("review_comment", models.TextField(blank=True, max_length=2000, verbose_name="opmerking van de controleur")),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="gepubliceerd op")),
                ("unreviewed_reason", models.TextField(blank=True, max_length=1000, verbose_name="reden voor publiceren zonder controle")),
                ("schedule_problem", models.TextField(blank=True, max_length=1000, verbose_name="probleem bij publiceren")),
                ("author", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="opgeslagen door")),
                ("chapter", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="revisions", to="handreiking.chapter", verbose_name="hoofdstuk")),
                ("merged_from", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="handreiking.revision", verbose_name="samengevoegd met")),
                ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="handreiking.revision", verbose_name="voortgebouwd op")),
                ("reviewed_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="gecontroleerd door")),
                ("submitted_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="ter controle aangeboden door")),
            ],
            options={
                "verbose_name": "versie",
                "verbose_name_plural": "versies",
                "ordering": ["-created_at", "-pk"],
                "indexes": [models.Index(fields=["chapter", "state"], name="revision_chapter_state")],
            },
        ),
        migrations.CreateModel(
            name="RevisionEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("action", models.CharField(max_length=30, verbose_name="stap")),
                ("state", models.CharField(choices=[("draft", "Concept"), ("submitted", "Ter controle"), ("returned", "Teruggestuurd"), ("approved", "Goedgekeurd"), ("scheduled", "Gepland"), ("published", "Gepubliceerd"), ("withdrawn", "Ingetrokken"), ("superseded", "Vervangen door een nieuwere versie")], max_length=10, verbose_name="nieuwe stand")),
                ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="op")),
                ("comment", models.TextField(blank=True, max_length=2000, verbose_name="toelichting")),
                ("revision", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="events", to="handreiking.revision", verbose_name="versie")),
                ("user", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="door")),
            ],
            options={
                "verbose_name": "stap in de controle",
                "verbose_name_plural": "stappen in de controle",
                "ordering": ["at", "pk"],
            },
        ),
        migrations.AddField(
            model_name="chapter",
            name="live_revision",
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="handreiking.revision", verbose_name="gepubliceerde versie"),
        ),
        migrations.AlterModelOptions(
            name="chapter",
            options={
                "ordering": ["number", "pk"],
                "permissions": [("publish_without_review", "Mag met spoed publiceren zonder controle vooraf")],
                "verbose_name": "hoofdstuk",
                "verbose_name_plural": "hoofdstukken",
            },
        ),
        migrations.AlterField(
            model_name="historicalchapter",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalbestanswer",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.AlterField(
            model_name="historicalsynonym",
            name="history_change_reason",
            field=models.TextField(null=True),
        ),
        migrations.RunPython(to_revisions, migrations.RunPython.noop),
        migrations.DeleteModel(name="ChapterDraft"),
        migrations.RemoveField(model_name="contentversion", name="next_publication_at"),
    ]
