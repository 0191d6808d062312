"""Content out and back in: export_content and import_content (handreiking.portability)."""

import io
import json
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from handreiking import services
from handreiking.models import (
    AnchorAlias,
    BestAnswer,
    ChangeKind,
    Chapter,
    ChapterDraft,
    ChapterSlug,
    ContentVersion,
    Image,
    OnboardingMaterial,
    ReviewState,
    SearchSection,
    Synonym,
)
from handreiking.portability import FORMAT_VERSION, delete_content, export_content
from tests.factories import ImageFactory, UserFactory, png_bytes

pytestmark = pytest.mark.django_db

FIRST_BODY = (
    "Over twitteren als ambtenaar.\n\n## Wat mag wel\n\nVeel mag wel.\n\n"
    "## Wat mag niet\n\nGeheimen delen mag niet."
)


@pytest.fixture
def content():
    """A handreiking that used every feature: renamed address and heading, major changes, a
    scheduled draft in review, an unpublished chapter, HR's material, an image, search settings."""
    delete_content()
    editor = UserFactory(username="j.jansen")
    reviewer = UserFactory(username="p.pietersen")
    first = services.publish_chapter(
        chapter=Chapter(number=1),
        user=editor,
        title="Online actief",
        slug="online-actief",
        summary="Eerste hoofdstuk.",
        body=FIRST_BODY,
    )
    services.publish_chapter(
        chapter=first,
        user=reviewer,
        major=True,
        change_note="Nieuw adres en een betere kop",
        slug="online-actief-als-ambtenaar",
        body=FIRST_BODY.replace("## Wat mag wel", "## Wat je gerust mag doen"),
    )
    image = ImageFactory(uploaded_by=editor, data=png_bytes(5, 2, "red"), width=5, height=2)
    second = services.publish_chapter(
        chapter=Chapter(number=2),
        user=editor,
        title="De krantentest",
        slug="krantentest",
        body=f"Zou je het in de krant willen lezen?\n\n{image.markdown}\n\n## Vragen\n\nStel ze.",
    )
    services.publish_chapter(chapter=second, user=editor, body=second.body + " Typefout weg.")
    services.save_draft(
        chapter=second,
        title="De krantentest",
        slug="krantentest",
        summary="Nieuw",
        body=second.body + "\n\n## Nieuw onderdeel\n\nStraks live.",
        user=editor,
    )
    ChapterDraft.objects.filter(chapter=second).update(
        change_kind=ChangeKind.MAJOR,
        change_note="Een nieuw onderdeel",
        publish_at=timezone.now() + timedelta(days=3),
        scheduled_by=editor,
        review_state=ReviewState.REQUESTED,
        review_requested_by=editor,
        review_requested_at=timezone.now(),
    )
    services.save_draft(
        chapter=Chapter(number=3),
        title="Nog niet af",
        slug="nog-niet-af",
        summary="",
        body="Komt later.",
        user=editor,
    )
    OnboardingMaterial.objects.create(
        chapter=first, title="Introductiedag, module 3", url="https://intranet.example/m3"
    )
    Chapter.objects.filter(pk=first.pk).update(last_checked_at=timezone.now(), needs_check=True)
    Synonym.objects.create(terms="baas, leidinggevende", note="Lezers zeggen baas")
    BestAnswer.objects.create(query="tweet", chapter=first, anchor="wat-mag-niet")
    return {"first": first, "second": second, "image": image}


def without_time(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


def round_trip(tmp_path) -> tuple[dict, dict]:
    path = tmp_path / "inhoud.json"
    call_command("export_content", output=path, stderr=io.StringIO())
    before = json.loads(path.read_text(encoding="utf-8"))
    delete_content()
    assert not Chapter.objects.exists()
    call_command("import_content", str(path), stdout=io.StringIO())
    return before, export_content()


def test_export_holds_every_kind_of_content(content):
    document = export_content()
    assert document["format_version"] == FORMAT_VERSION
    assert document["exported_at"]
    first, second, draft_only = document["chapters"]
    assert first["slug"] == "online-actief-als-ambtenaar"
    assert [row["slug"] for row in first["former_slugs"]] == ["online-actief"]
    assert [(a["anchor"], a["target"]) for a in first["anchor_aliases"]] == [
        ("wat-mag-wel", "wat-je-gerust-mag-doen")
    ]
    assert [note["note"] for note in first["change_notes"]] == [
        "Eerste publicatie",
        "Nieuw adres en een betere kop",
    ]
    assert [v["history_user"] for v in first["history"]] == ["j.jansen", "p.pietersen"]
    assert first["onboarding_materials"][0]["title"] == "Introductiedag, module 3"
    assert second["draft"]["change_kind"] == "major"
    assert second["draft"]["scheduled_by"] == "j.jansen"
    assert second["draft"]["publish_at"]
    assert draft_only["is_published"] is False
    assert draft_only["draft"]["title"] == "Nog niet af"
    assert document["images"][0]["uploaded_by"] == "j.jansen"
    assert document["images"][0]["data"]  # the bytes themselves, in base64
    assert "body_html" not in first and "toc" not in first  # derived: made again on import


def test_round_trip_gives_the_same_document(content, tmp_path):
    before, after = round_trip(tmp_path)
    assert without_time(after) == without_time(before)


def test_round_trip_restores_what_readers_see_and_derived_data(content, tmp_path, client):
    first, second, image = content["first"], content["second"], content["image"]
    rendered = {
        c.pk: (c.body_html, c.toc, c.sections, c.readability) for c in Chapter.objects.all()
    }
    token = ContentVersion.objects.current()
    round_trip(tmp_path)

    after = {c.pk: (c.body_html, c.toc, c.sections, c.readability) for c in Chapter.objects.all()}
    assert after == rendered
    assert ContentVersion.objects.current() != token
    assert Chapter.history.filter(id=first.pk).count() == 2  # not one more for the import
    assert SearchSection.objects.filter(chapter_id=first.pk).exists()

    # The old address and the permanent link still lead to the chapter.
    old = client.get("/handreiking/online-actief/")
    assert old.status_code == 301
    assert old["Location"].endswith("/handreiking/online-actief-als-ambtenaar/")
    assert client.get(f"/h/{first.pk}/")["Location"].endswith("/online-actief-als-ambtenaar/")
    # The old anchor still lands on the renamed heading.
    page = client.get("/handreiking/online-actief-als-ambtenaar/").content.decode()
    assert '<span class="anchor-alias" id="wat-mag-wel"></span>' in page
    # Search finds the imported text; the image is served with its bytes at its old address.
    found = client.get("/zoeken/", {"q": "geheimen"}).content.decode()
    assert "/handreiking/online-actief-als-ambtenaar/" in found
    served = client.get(image.get_absolute_url())
    assert served.status_code == 200
    assert b"".join(served) == png_bytes(5, 2, "red")
    assert client.get(second.get_absolute_url()).status_code == 200


def test_import_keeps_dates_addresses_and_people(content, tmp_path):
    first = Chapter.objects.get(pk=content["first"].pk)
    stamps = (first.first_published_at, first.last_major_change_at, first.review_by)
    slug_created = ChapterSlug.objects.get(slug="online-actief").created_at
    retired = AnchorAlias.objects.get(anchor="wat-mag-wel").retired_at
    round_trip(tmp_path)

    first = Chapter.objects.get(pk=first.pk)
    assert (first.first_published_at, first.last_major_change_at, first.review_by) == stamps
    assert first.needs_check is True
    assert ChapterSlug.objects.get(slug="online-actief").created_at == slug_created
    assert AnchorAlias.objects.get(anchor="wat-mag-wel").retired_at == retired
    draft = ChapterDraft.objects.get(chapter_id=content["second"].pk)
    assert draft.scheduled_by.username == "j.jansen"
    assert draft.review_state == ReviewState.REQUESTED
    assert ContentVersion.objects.get().next_publication_at == draft.publish_at
    assert Image.objects.get().uploaded_by.username == "j.jansen"
    # New rows continue after the imported ids.
    new = services.publish_chapter(
        chapter=Chapter(number=9), user=None, title="Nieuw", slug="nieuw", body="Tekst."
    )
    assert new.pk > max(c.pk for c in Chapter.objects.exclude(pk=new.pk))


def test_unknown_users_become_no_user(content):
    document = export_content()
    delete_content()
    document["chapters"][0]["history"][0]["history_user"] = "vertrokken.collega"
    del document["chapters"][0]["history"][1]["history_user"]
    out = io.StringIO()
    import_from_stdin(document, out)
    users = list(
        Chapter.history.filter(id=content["first"].pk).values_list("history_user", flat=True)
    )
    assert users == [None, None]
    assert "vertrokken.collega" in out.getvalue()


def import_from_stdin(document: dict, out: io.StringIO) -> None:
    """`import_content -`: the document arrives on standard input."""
    original, sys.stdin = sys.stdin, io.StringIO(json.dumps(document))
    try:
        call_command("import_content", "-", stdout=out)
    finally:
        sys.stdin = original


def test_import_refuses_a_database_with_content_unless_replace(content, tmp_path):
    path = tmp_path / "inhoud.json"
    call_command("export_content", output=path, stderr=io.StringIO())
    ChapterDraft.objects.all().delete()
    with pytest.raises(CommandError, match="De database heeft al inhoud .*--replace"):
        call_command("import_content", str(path))
    assert not ChapterDraft.objects.exists()  # nothing changed

    call_command("import_content", str(path), "--replace", stdout=io.StringIO())
    assert ChapterDraft.objects.count() == 2
    assert Chapter.objects.count() == 3
    assert Chapter.history.count() == 5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format_version=99), "formaatversie 99"),
        (lambda d: d.update(format="iets anders"), "geen export van de inhoud"),
        (lambda d: d["chapters"][0].pop("title"), "het veld „title” ontbreekt"),
        (
            lambda d: d["chapters"][0].update(first_published_at="gisteren"),
            "het veld „first_published_at” klopt niet",
        ),
        (lambda d: d["chapters"][1].update(slug=d["chapters"][0]["slug"]), "twee keer"),
        (lambda d: d["chapters"][0]["anchor_aliases"][0].update(kind="weg"), "„weg”"),
        (lambda d: d["images"][0].update(data="geen base64!"), "het veld „data” klopt niet"),
        (lambda d: d.update(chapters="geen lijst"), "moet een lijst zijn"),
    ],
)
def test_a_broken_file_changes_nothing(content, change, message, tmp_path):
    document = export_content()
    change(document)
    delete_content()
    Chapter.objects.create(number=5, title="Blijft", slug="blijft", body="Tekst.")
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_content", str(path), "--replace")
    assert list(Chapter.objects.values_list("slug", flat=True)) == ["blijft"]


def test_a_file_that_is_not_json_gives_a_dutch_error(db, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(CommandError, match="geen geldig JSON-bestand"):
        call_command("import_content", str(path))
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("import_content", str(tmp_path / "bestaat-niet.json"))


def test_export_writes_to_standard_output(content):
    out = io.StringIO()
    call_command("export_content", stdout=out)
    assert json.loads(out.getvalue())["chapters"][0]["slug"] == "online-actief-als-ambtenaar"
