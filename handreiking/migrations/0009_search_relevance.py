"""Search that answers questions: stems per field, a vocabulary per chapter, editors' synonyms
and best answers (with history), weekly counts of what readers could not find.

Schema, then the database's own part (`unaccent` and a text search configuration on
PostgreSQL, FTS5 on SQLite, both filled by trigger), then every published chapter indexed again
in the new format, a starting set of synonyms and best answers, and the editors' permissions.

`run_before` keeps the graph linear while 0010_anchor_alias (made alongside, also after 0008)
exists; it adds nothing else."""

import django.contrib.postgres.search
import django.db.models.deletion
import simple_history.models
import uuid
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

# Equivalent terms readers use for what the handreiking calls otherwise; editors keep the list
# in the admin (Synoniemen).
SYNONYMS = [
    (
        "baas, leidinggevende, manager, chef, teamleider, afdelingshoofd, boss, supervisor",
        "De zelftoets zegt „leidinggevende”, hoofdstuk 3 zegt „baas”.",
    ),
    ("twitter, x, tweet, tweeten, twitteren", "Twitter heet nu X."),
    (
        "social media, sociale media, socialmedia, sociale netwerken, facebook, instagram, tiktok, "
        "youtube, mastodon, bluesky",
        "Beide spellingen, en de bekende platforms.",
    ),
    (
        "gedragscode, code of conduct, code of ethics, gedragsregels, integriteitscode, gir",
        "De Gedragscode Integriteit Rijk (GIR), ook in het Engels.",
    ),
    ("bericht, post, posting, berichtje, update, bijdrage", "Wat je online zet."),
    (
        "posten, plaatsen, publiceren, delen, sharen, online zetten, liken, retweeten",
        "Iets online zetten of doorgeven.",
    ),
    ("linkedin, linked in", ""),
    (
        "mening, opinie, standpunt, meningsuiting, opvatting, reageren, reactie, discussie, debat, "
        "opinion",
        "",
    ),
    ("goedkeuring, toestemming, akkoord, instemming, approval, permission", ""),
    ("privé, persoonlijk, private, privéaccount", ""),
    ("ambtenaar, rijksambtenaar, medewerker, werknemer, civil servant, public servant", ""),
    ("krant, pers, journalist, newspaper, krantentest, voorpagina", "De krantentest."),
    (
        "zelftoets, krantentest, newspaper test, twijfel over je bijdrage",
        "De drie vragen van de krantentest staan in hoofdstuk 3.",
    ),
    ("integriteit, integer, integrity, ethiek, ethisch", ""),
    ("netwerken, networking, netwerk, contacten leggen", ""),
    ("meelezen, meelesen, meekijken, lurken", "De brontekst schrijft „meelesen”."),
    ("luisteren, listening, social listening, monitoren", ""),
    ("vlogger, vloggen, vlog, youtuber, influencer, blogger, bloggen", ""),
    ("ambassadeur, ambassador, uithangbord, visitekaartje, boegbeeld", ""),
    ("online, internet, digitaal", ""),
    ("regels, richtlijnen, voorschriften, spelregels, guidelines, rules", ""),
    ("twijfel, twijfelen, onzeker, doubt", ""),
    ("collega, colleague, teamgenoot", ""),
    ("rijksoverheid, overheid, government", ""),
    ("openbaarheid, openbaar, publiek, public", ""),
    ("organisatie, werkgever, ministerie, employer", ""),
    ("samenleving, maatschappij, burgers, inwoners, society", ""),
    ("onderscheid, verschil, scheiding", ""),
    ("benaderbaar, bereikbaar, aanspreekbaar, toegankelijk", ""),
    ("zakelijk, professioneel, in functie, beroepsmatig, professional", ""),
]

# (query, slug of a seed chapter, anchor): where the words alone would not be enough.
BEST_ANSWERS = [
    (
        "krantentest",
        "integriteit-en-professionele-taakinvulling-op-social-media-gaan-samen",
        "",
        "De krantentest: de drie vragen aan het eind van hoofdstuk 3.",
    ),
    (
        "gedragscode",
        "rijksambtenaren-zijn-online-actief-als-ambassadeur-van-de-rijksoverheid",
        "wat-zegt-de-gedragscode-integriteit-rijk",
        "Wat de gedragscode over online zegt.",
    ),
]

EDITOR_PERMISSIONS = [
    "add_synonym",
    "change_synonym",
    "delete_synonym",
    "view_synonym",
    "view_historicalsynonym",
    "add_bestanswer",
    "change_bestanswer",
    "delete_bestanswer",
    "view_bestanswer",
    "view_historicalbestanswer",
    "view_searchmiss",
]


def install_and_reindex(apps, schema_editor):
    from handreiking.search.backends import backend_for
    from handreiking.search.index import write_documents

    backend_for(schema_editor.connection.vendor).install(schema_editor)
    Chapter = apps.get_model("handreiking", "Chapter")
    SearchSection = apps.get_model("handreiking", "SearchSection")
    SearchTerm = apps.get_model("handreiking", "SearchTerm")
    SearchSection.objects.all().delete()
    for chapter in Chapter.objects.filter(is_published=True):
        write_documents(chapter, section_model=SearchSection, term_model=SearchTerm)


def uninstall(apps, schema_editor):
    from handreiking.search.backends import backend_for

    backend_for(schema_editor.connection.vendor).uninstall(schema_editor)


def seed(apps, schema_editor):
    Synonym = apps.get_model("handreiking", "Synonym")
    HistoricalSynonym = apps.get_model("handreiking", "HistoricalSynonym")
    BestAnswer = apps.get_model("handreiking", "BestAnswer")
    HistoricalBestAnswer = apps.get_model("handreiking", "HistoricalBestAnswer")
    Chapter = apps.get_model("handreiking", "Chapter")
    now = timezone.now()
    reason = "Startset bij de installatie"
    for terms, note in SYNONYMS:
        synonym = Synonym.objects.create(terms=terms, note=note)
        HistoricalSynonym.objects.create(
            id=synonym.pk,
            terms=terms,
            note=note,
            updated_at=synonym.updated_at,
            history_date=now,
            history_type="+",
            history_change_reason=reason,
        )
    for query, slug, anchor, note in BEST_ANSWERS:
        chapter = Chapter.objects.filter(slug=slug).first()
        if chapter is None or (anchor and anchor not in {e["id"] for e in chapter.toc or []}):
            continue  # an installation without that chapter or section
        answer = BestAnswer.objects.create(query=query, chapter=chapter, anchor=anchor, note=note)
        HistoricalBestAnswer.objects.create(
            id=answer.pk,
            query=query,
            chapter=chapter,
            anchor=anchor,
            note=note,
            updated_at=answer.updated_at,
            history_date=now,
            history_type="+",
            history_change_reason=reason,
        )
    # What readers find changed: every process loads the new words on its next search.
    apps.get_model("handreiking", "ContentVersion").objects.bump()


def editors_keep_search(apps, schema_editor):
    from handreiking.groups import grant

    grant(apps, "Redacteuren", EDITOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("handreiking", "0008_release_in_groups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    run_before = [
        ("handreiking", "0010_anchor_alias"),
    ]

    operations = [
        # One row per chapter and word (was: one per word, never pruned).
        migrations.DeleteModel(name="SearchTerm"),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=100)),
                (
                    "chapter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_terms",
                        to="handreiking.chapter",
                    ),
                ),
            ],
            options={
                "verbose_name": "zoekterm",
                "verbose_name_plural": "zoektermen",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("chapter", "word"), name="searchterm_chapter_word"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="BestAnswer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "query",
                    models.CharField(
                        help_text="Wat lezers typen, bijvoorbeeld „krantentest”. Hoofdletters, accenten, meervoud en woorden als „de” of „mag ik” maken niet uit.",
                        max_length=200,
                        verbose_name="zoekvraag",
                    ),
                ),
                (
                    "anchor",
                    models.CharField(
                        blank=True,
                        help_text="Het anker van het onderdeel (na # in de link); leeg: het begin.",
                        max_length=100,
                        verbose_name="onderdeel",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Waarom dit het beste antwoord is; alleen voor de redactie.",
                        max_length=300,
                        verbose_name="toelichting",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="bijgewerkt op")),
            ],
            options={
                "verbose_name": "beste antwoord",
                "verbose_name_plural": "beste antwoorden",
                "ordering": ["query"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalBestAnswer",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "query",
                    models.CharField(
                        help_text="Wat lezers typen, bijvoorbeeld „krantentest”. Hoofdletters, accenten, meervoud en woorden als „de” of „mag ik” maken niet uit.",
                        max_length=200,
                        verbose_name="zoekvraag",
                    ),
                ),
                (
                    "anchor",
                    models.CharField(
                        blank=True,
                        help_text="Het anker van het onderdeel (na # in de link); leeg: het begin.",
                        max_length=100,
                        verbose_name="onderdeel",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Waarom dit het beste antwoord is; alleen voor de redactie.",
                        max_length=300,
                        verbose_name="toelichting",
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="bijgewerkt op"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historisch beste antwoord",
                "verbose_name_plural": "historische beste antwoorden",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSynonym",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "terms",
                    models.TextField(
                        help_text="Woorden of woordgroepen die voor lezers hetzelfde betekenen, gescheiden door komma's. Zoekt iemand op een ervan, dan vindt de zoekfunctie ook de andere. Bijvoorbeeld: baas, leidinggevende, manager. Hoofdletters en accenten maken niet uit.",
                        max_length=1000,
                        verbose_name="woorden",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Waarom deze groep er is; alleen voor de redactie.",
                        max_length=300,
                        verbose_name="toelichting",
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="bijgewerkt op"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historische synoniemengroep",
                "verbose_name_plural": "historische synoniemengroepen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="SearchMiss",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "week",
                    models.DateField(
                        help_text="De maandag van de week; geen dag of tijdstip.",
                        verbose_name="week van",
                    ),
                ),
                ("query", models.CharField(max_length=200, verbose_name="zoekvraag")),
                (
                    "count",
                    models.PositiveIntegerField(default=0, verbose_name="aantal keer gezocht"),
                ),
            ],
            options={
                "verbose_name": "zoekvraag zonder resultaat",
                "verbose_name_plural": "zoekvragen zonder resultaat",
                "ordering": ["-week", "-count", "query"],
            },
        ),
        migrations.CreateModel(
            name="Synonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "terms",
                    models.TextField(
                        help_text="Woorden of woordgroepen die voor lezers hetzelfde betekenen, gescheiden door komma's. Zoekt iemand op een ervan, dan vindt de zoekfunctie ook de andere. Bijvoorbeeld: baas, leidinggevende, manager. Hoofdletters en accenten maken niet uit.",
                        max_length=1000,
                        verbose_name="woorden",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Waarom deze groep er is; alleen voor de redactie.",
                        max_length=300,
                        verbose_name="toelichting",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="bijgewerkt op")),
            ],
            options={
                "verbose_name": "synoniemengroep",
                "verbose_name_plural": "synoniemen",
                "ordering": ["terms"],
            },
        ),
        migrations.AddField(
            model_name="searchsection",
            name="head_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="searchsection",
            name="body_stems",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="searchsection",
            name="heading_stems",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="searchsection",
            name="title_stems",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="bestanswer",
            name="chapter",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="best_answers",
                to="handreiking.chapter",
                verbose_name="hoofdstuk",
            ),
        ),
        migrations.AddField(
            model_name="historicalbestanswer",
            name="chapter",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="handreiking.chapter",
                verbose_name="hoofdstuk",
            ),
        ),
        migrations.AddField(
            model_name="historicalbestanswer",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalsynonym",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="searchmiss",
            constraint=models.UniqueConstraint(
                fields=("week", "query"), name="searchmiss_week_query"
            ),
        ),
        migrations.RunPython(install_and_reindex, uninstall),
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(editors_keep_search, migrations.RunPython.noop),
    ]
