"""Content out and back in: export_content and import_content (handreiking.portability)."""

import base64
import copy
import io
import json
import sys
from datetime import datetime, timedelta
from io import BytesIO
from unittest.mock import ANY

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from PIL import Image as PillowImage

from handreiking.editorial import publishing, review, scheduling
from handreiking.editorial.publishing import PublishError
from handreiking.editorial.revisions import head, save_revision
from handreiking.forms.uploads import inspect_image
from handreiking.models import (
    AnchorAlias,
    BestAnswer,
    Chapter,
    ChapterSlug,
    ContentVersion,
    Image,
    OnboardingMaterial,
    Revision,
    RevisionState,
    SearchSection,
    Synonym,
)
from handreiking.portability import FORMAT_VERSION, delete_content, export_content
from tests.factories import ImageFactory, UserFactory, png_bytes, publish_change, save_draft

pytestmark = pytest.mark.django_db

S = RevisionState
FIRST_BODY = (
    "Over twitteren als ambtenaar.\n\n## Wat mag wel\n\nVeel mag wel.\n\n"
    "## Wat mag niet\n\nGeheimen delen mag niet."
)
NOTE = ("Een lange wijzigingsnotitie. " * 40)[:1000]
COMMENT = ("Lees dit onderdeel nog eens na. " * 70)[:2000]
RESUBMITTED = "Ingelezen: opnieuw ter controle"
LIVE = (
    "Ingelezen door de beheerder (import_content): lezers zien deze tekst zoals het bestand hem "
    "als gepubliceerd gaf, zonder nieuwe controle in dit portaal"
)


def jpeg_bytes(**options) -> bytes:
    buffer = BytesIO()
    PillowImage.new("RGB", (6, 4), "teal").save(buffer, format="JPEG", **options)
    return buffer.getvalue()


def new_chapter(number: int, user, title: str, slug: str) -> Revision:
    """The first saved text of a chapter nobody reads yet."""
    return save_draft(chapter=Chapter(number=number), user=user, title=title, slug=slug, body="Ja.")


@pytest.fixture
def content():
    """A handreiking that used every feature: renamed address and heading, major changes,
    revisions in every state (a merge among them), an unpublished chapter, an urgent
    publication, HR's material, images, search settings."""
    delete_content()
    editor = UserFactory(username="j.jansen")
    reviewer = UserFactory(username="p.pietersen")
    pair = {"user": editor, "reviewer": reviewer}
    first = publish_change(
        chapter=Chapter(number=1),
        **pair,
        title="Online actief",
        slug="online-actief",
        summary="Eerste hoofdstuk.",
        body=FIRST_BODY,
    )
    first = publish_change(
        chapter=first,
        user=reviewer,
        reviewer=editor,
        major=True,
        change_note="Nieuw adres en een betere kop",
        slug="online-actief-als-ambtenaar",
        body=FIRST_BODY.replace("## Wat mag wel", "## Wat je gerust mag doen"),
    )
    save_draft(chapter=first, user=editor, body=FIRST_BODY + " Nog niet klaar.", change_note=NOTE)
    image = ImageFactory(uploaded_by=editor, data=png_bytes(5, 2, "red"), width=5, height=2)
    photo = inspect_image(ContentFile(jpeg_bytes(quality=75)))[3]  # stored as an upload stores it
    ImageFactory(
        alt_text="Een groen vlak", data=photo, content_type="image/jpeg", width=6, height=4
    )
    second = publish_change(
        chapter=Chapter(number=2),
        **pair,
        title="De krantentest",
        slug="krantentest",
        body=f"Zou je het in de krant willen lezen?\n\n{image.markdown}\n\n## Vragen\n\nStel ze.",
    )
    second = publish_change(chapter=second, **pair, body=second.body + " Typefout weg.")
    scheduled = save_draft(
        chapter=second,
        user=editor,
        summary="Nieuw",
        body=second.body + "\n\n## Nieuw onderdeel\n\nStraks live.",
        change_kind="major",
        change_note="Een nieuw onderdeel",
    )
    review.submit(revision=scheduled, user=editor, publish_at=timezone.now() + timedelta(days=3))
    review.approve(revision_id=scheduled.pk, user=reviewer, comment="Mooi zo")

    returned = new_chapter(3, editor, "Nog niet af", "nog-niet-af")
    review.submit(revision=returned, user=editor)
    review.return_for_changes(revision_id=returned.pk, user=reviewer, comment=COMMENT)

    # Two editors at once on one text, merged; the merge withdrawn; then one approved.
    fourth = publish_change(
        chapter=Chapter(number=4), **pair, title="Samen", slug="samen", body="Een.\n\nTwee."
    )
    live, text = head(fourth), {"title": "Samen", "slug": "samen", "summary": ""}
    mine = save_revision(chapter=fourth, base=live, user=editor, body="Een!\n\nTwee.", **text)
    theirs = save_revision(chapter=fourth, base=live, user=reviewer, body="Een.\n\nTwee!", **text)
    assert theirs.conflict_with == mine.revision
    merged = save_revision(
        chapter=fourth,
        base=theirs.revision,
        user=reviewer,
        body="Een!\n\nTwee!",
        merged_from=mine.revision,
        **text,
    )
    review.withdraw(revision=merged.revision, user=reviewer, comment="Toch niet")
    approved = save_draft(chapter=fourth, user=editor, body="Een.\n\nTwee.\n\nDrie.")
    review.submit(revision=approved, user=editor, publish_at=timezone.now() + timedelta(days=1))
    review.approve(revision_id=approved.pk, user=reviewer)
    # Approved without a moment: where a scheduled publication that could not go through
    # leaves a revision (editorial.scheduling._give_up).
    scheduling._give_up(approved.pk, PublishError("Het adres is intussen van een ander hoofdstuk."))

    submitted = new_chapter(5, reviewer, "Ter controle", "ter-controle")
    review.submit(revision=submitted, user=reviewer)
    editor.user_permissions.add(Permission.objects.get(codename="publish_without_review"))
    urgent = new_chapter(6, editor, "Spoed", "spoed")
    editor = type(editor).objects.get(pk=editor.pk)  # the permission, fresh
    publishing.publish_unreviewed(revision=urgent, user=editor, reason="Verkeerd telefoonnummer")

    OnboardingMaterial.objects.create(
        chapter=first, title="Introductiedag, module 3", url="https://intranet.example/m3"
    )
    Chapter.objects.filter(pk=first.pk).update(last_checked_at=timezone.now(), needs_check=True)
    Synonym.objects.create(terms="baas, leidinggevende", note="Lezers zeggen baas")
    BestAnswer.objects.create(query="tweet", chapter=first, anchor="wat-mag-niet")
    states = set(Revision.objects.values_list("state", flat=True))
    assert states == set(S.values)  # every state a revision can be in
    return {"first": first, "second": second, "image": image, "scheduled": scheduled}


def without_time(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


def moment(value: str) -> str:
    """A moment from a document as the audit trail writes it."""
    return timezone.localtime(datetime.fromisoformat(value)).strftime("%d-%m-%Y %H:%M")


def live_imported(document: dict) -> dict:
    """`document` with the step an import adds to each chapter's live revision."""
    expected = copy.deepcopy(without_time(document))
    for chapter in expected["chapters"]:
        for revision in chapter["revisions"]:
            if revision["id"] == chapter["live_revision"]:
                step = {"action": "import", "state": "published", "at": ANY, "user": None}
                revision["events"].append({**step, "comment": LIVE})
    return expected


def as_imported(document: dict) -> dict:
    """The document an import of `document` exports again: approvals went back to review,
    each live revision has a step saying the import made it live, images are stored as an
    upload stores them."""
    expected = live_imported(document)
    for chapter in expected["chapters"]:
        for revision in chapter["revisions"]:
            if revision["state"] in {S.APPROVED, S.SCHEDULED}:
                approval = f"de goedkeuring door {revision['reviewed_by']} op "
                approval += moment(revision["reviewed_at"])
                revision.update(
                    state=S.SUBMITTED, reviewed_by=None, reviewed_at=None, schedule_problem=""
                )
                comment = f"{RESUBMITTED}. Niet overgenomen uit het bestand: {approval}."
                if revision["publish_at"]:
                    comment += f" Publiceren op {moment(revision['publish_at'])} blijft gevraagd."
                step = {"action": "submit", "state": "submitted", "at": ANY, "user": None}
                revision["events"].append({**step, "comment": comment})
    for image in expected["images"]:
        original = base64.b64decode(image["data"])
        data = inspect_image(ContentFile(original))[3]
        image.update(data=base64.b64encode(data).decode("ascii"), size=len(data))
    return expected


def round_trip(tmp_path) -> tuple[dict, dict]:
    path = tmp_path / "inhoud.json"
    call_command("export_content", output=path, stderr=io.StringIO())
    before = json.loads(path.read_text(encoding="utf-8"))
    delete_content()
    assert not Chapter.objects.exists()
    assert not Revision.objects.exists()
    call_command("import_content", str(path), stdout=io.StringIO())
    return before, export_content()


def revisions_of(document: dict, number: int) -> list[dict]:
    return next(c for c in document["chapters"] if c["number"] == number)["revisions"]


def test_export_holds_every_kind_of_content(content):
    document = export_content()
    assert document["format_version"] == FORMAT_VERSION == 2
    assert document["exported_at"]
    first, second, unpublished, merged, *_ = document["chapters"]
    assert first["slug"] == "online-actief-als-ambtenaar"
    assert [row["slug"] for row in first["former_slugs"]] == ["online-actief"]
    assert [(a["anchor"], a["target"]) for a in first["anchor_aliases"]] == [
        ("wat-mag-wel", "wat-je-gerust-mag-doen")
    ]
    assert [note["note"] for note in first["change_notes"]] == [
        "Eerste publicatie",
        "Nieuw adres en een betere kop",
    ]
    assert [v["history_user"] for v in first["history"]] == ["j.jansen", "j.jansen", "p.pietersen"]
    assert first["onboarding_materials"][0]["title"] == "Introductiedag, module 3"
    assert [r["state"] for r in first["revisions"]] == ["published", "published", "draft"]
    assert first["live_revision"] == first["revisions"][1]["id"]
    assert first["revisions"][2]["change_note"] == NOTE
    assert first["revisions"][2]["parent"] == first["live_revision"]
    scheduled = second["revisions"][-1]
    assert (scheduled["state"], scheduled["reviewed_by"]) == ("scheduled", "p.pietersen")
    assert [e["action"] for e in scheduled["events"]] == ["save", "submit", "approve", "schedule"]
    assert scheduled["events"][2]["comment"] == "Mooi zo"
    assert scheduled["publish_at"]
    assert unpublished["is_published"] is False and unpublished["live_revision"] is None
    assert unpublished["revisions"][0]["review_comment"] == COMMENT
    live, mine, theirs, both, _approved = merged["revisions"]
    assert (mine["parent"], theirs["parent"]) == (live["id"], live["id"])
    assert (both["parent"], both["merged_from"]) == (theirs["id"], mine["id"])
    assert [image["uploaded_by"] for image in document["images"]] == ["j.jansen", None]
    assert document["images"][0]["data"]  # the bytes themselves, in base64
    assert "body_html" not in first and "toc" not in first  # derived: made again on import
    assert "body_html" not in first["revisions"][0]


def test_round_trip_gives_the_same_document_with_approvals_back_in_review(content, tmp_path):
    started = timezone.now()
    before, after = round_trip(tmp_path)
    assert without_time(after) == as_imported(before)
    for number in (2, 4):
        step = revisions_of(after, number)[-1]["events"][-1]
        assert step["comment"].startswith(RESUBMITTED) and step["at"] >= started.isoformat()
    # What came in once comes in again unchanged, but for one more step on each live revision:
    # every import that makes a text live says so.
    again = round_trip(tmp_path)[1]
    assert without_time(again) == live_imported(after)


def test_an_approval_in_a_file_publishes_nothing_here(content, tmp_path, client):
    scheduled = Revision.objects.get(pk=content["scheduled"].pk)
    second = content["second"]
    round_trip(tmp_path)
    revision = Revision.objects.get(pk=scheduled.pk)  # the same id as before
    assert revision.state == S.SUBMITTED and revision.reviewed_by is None
    assert revision.publish_at == scheduled.publish_at  # kept for when it is approved here
    assert not Revision.objects.filter(state__in=[S.APPROVED, S.SCHEDULED]).exists()
    assert scheduling.publish_due(now=timezone.now() + timedelta(days=30)) == []
    assert "Straks live" not in client.get(second.get_absolute_url()).content.decode()
    colleague = UserFactory(username="k.klaassen")
    review.approve(revision_id=revision.pk, user=colleague)
    assert Revision.objects.get(pk=revision.pk).state == S.SCHEDULED


def derived() -> tuple[dict, dict]:
    """What the write path and a revision's save derive, per chapter and per revision."""
    fields = ("body_html", "toc", "sections", "readability", "live_revision")
    chapters = {row[0]: row[1:] for row in Chapter.objects.values_list("pk", *fields)}
    return chapters, dict(Revision.objects.values_list("pk", "body_html"))


def test_round_trip_restores_what_readers_see_and_derived_data(content, tmp_path, client):
    first, second, image = content["first"], content["second"], content["image"]
    rendered = derived()
    versions = Chapter.history.filter(id=first.pk).count()
    token = ContentVersion.objects.current()
    round_trip(tmp_path)

    assert derived() == rendered
    assert ContentVersion.objects.current() != token
    assert Chapter.history.filter(id=first.pk).count() == versions  # none more for the import
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
    assert b"".join(served) == inspect_image(ContentFile(png_bytes(5, 2, "red")))[3]
    assert client.get(second.get_absolute_url()).status_code == 200


def test_import_keeps_dates_addresses_and_people(content, tmp_path):
    first = Chapter.objects.get(pk=content["first"].pk)
    stamps = (first.first_published_at, first.last_major_change_at, first.review_by)
    slug_created = ChapterSlug.objects.get(slug="online-actief").created_at
    retired = AnchorAlias.objects.get(anchor="wat-mag-wel").retired_at
    people = list(Revision.objects.order_by("pk").values_list("pk", "author", "submitted_by"))
    round_trip(tmp_path)

    first = Chapter.objects.get(pk=first.pk)
    assert (first.first_published_at, first.last_major_change_at, first.review_by) == stamps
    assert first.needs_check is True
    assert ChapterSlug.objects.get(slug="online-actief").created_at == slug_created
    assert AnchorAlias.objects.get(anchor="wat-mag-wel").retired_at == retired
    assert list(Revision.objects.order_by("pk").values_list("pk", "author", "submitted_by")) == (
        people
    )
    assert Chapter.objects.get(number=6).needs_check is True  # published urgently, unchecked
    assert Image.objects.get(content_type="image/png").uploaded_by.username == "j.jansen"
    # New rows continue after the imported ids.
    new = publish_change(chapter=Chapter(number=9), title="Nieuw", slug="nieuw", body="Tekst.")
    assert new.pk > max(c.pk for c in Chapter.objects.exclude(pk=new.pk))
    assert new.live_revision_id == Revision.objects.latest("pk").pk > people[-1][0]


def test_unknown_users_become_no_user(content):
    document = export_content()
    delete_content()
    document["chapters"][0]["history"][0]["history_user"] = "vertrokken.collega"
    del document["chapters"][0]["history"][1]["history_user"]
    document["chapters"][0]["revisions"][0]["author"] = "vertrokken.collega"
    out = io.StringIO()
    import_from_stdin(document, out)
    versions = Chapter.history.filter(id=content["first"].pk).order_by("history_date")
    users = list(versions.values_list("history_user", flat=True))
    assert users[:2] == [None, None]
    assert Revision.objects.order_by("pk").first().author is None
    assert "vertrokken.collega" in out.getvalue()
    assert "2 goedgekeurde of geplande versies staan weer ter controle" in out.getvalue()


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
    count = Revision.objects.count()
    Revision.objects.filter(state=S.DRAFT).delete()
    with pytest.raises(CommandError, match="De database heeft al inhoud .*--replace"):
        call_command("import_content", str(path))
    assert not Revision.objects.filter(state=S.DRAFT).exists()  # nothing changed

    call_command("import_content", str(path), "--replace", stdout=io.StringIO())
    assert Revision.objects.filter(state=S.DRAFT).count() == 1
    assert Chapter.objects.count() == 6
    assert Revision.objects.count() == count


def legacy_draft(review_state: str) -> dict:
    """A chapter's draft as format version 1 wrote it."""
    return {
        "title": "Online actief",
        "slug": "online-actief-als-ambtenaar",
        "summary": "",
        "body": FIRST_BODY + "\n\n## Nieuw\n\nUit het oude concept.",
        "updated_at": "2024-03-01T09:00:00+00:00",
        "updated_by": "j.jansen",
        "change_kind": "major",
        "change_note": "Een nieuw onderdeel",
        "publish_at": "2030-01-01T08:00:00+00:00",
        "scheduled_by": "j.jansen",
        "review_state": review_state,
        "review_requested_by": "j.jansen",
        "review_requested_at": "2024-03-01T10:00:00+00:00",
        "reviewed_by": "p.pietersen",
        "reviewed_at": "2024-03-02T10:00:00+00:00",
        "review_comment": "Prima",
    }


def as_version_1(document: dict, drafts: dict[int, dict]) -> dict:
    old = {**copy.deepcopy(document), "format_version": 1}
    for chapter in old["chapters"]:
        del chapter["revisions"], chapter["live_revision"]
        chapter["draft"] = drafts.get(chapter["number"])
    return old


# A reviewer's name stays only on returned work: on a draft or work in review nobody approved,
# and on an approval that does not travel, it is dropped (with a step that says so).
@pytest.mark.parametrize(
    ("review_state", "state", "reviewed"),
    [("", S.DRAFT, False), ("requested", S.SUBMITTED, False), ("returned", S.RETURNED, True)]
    + [("approved", S.SUBMITTED, False)],
)
def test_a_version_1_file_with_a_draft(content, tmp_path, review_state, state, reviewed):
    draft = legacy_draft(review_state)
    document = as_version_1(export_content(), {1: draft, 3: {**draft, "slug": "nog-niet-af"}})
    delete_content()
    import_from_stdin(document, io.StringIO())

    first = Chapter.objects.get(number=1)
    live = first.live_revision
    assert (live.state, live.title, live.body) == (S.PUBLISHED, first.title, first.body)
    assert live.created_at == live.published_at == first.last_major_change_at
    revision = Revision.objects.get(chapter=first, parent=live)
    assert (revision.state, revision.body) == (state, draft["body"])
    assert revision.author.username == revision.submitted_by.username == "j.jansen"
    assert revision.publish_at.isoformat() == draft["publish_at"]
    assert (revision.reviewed_by is not None) is reviewed
    steps = list(revision.events.values_list("action", "state", "comment"))
    assert steps[0][:2] == ("save", "approved" if review_state == "approved" else state)
    assert steps[-1][2].startswith(RESUBMITTED) is (review_state == "approved")
    what = {"": "controle", "requested": "controle", "approved": "goedkeuring"}.get(review_state)
    if what is None:  # returned: who returned it stays, and nothing else needed dropping
        assert len(steps) == 1
    else:
        reviewed = moment(draft["reviewed_at"])
        dropped = f"Niet overgenomen uit het bestand: de {what} door p.pietersen op {reviewed}."
        assert dropped in steps[-1][2]
    assert [step[2] for step in live.events.values_list("action", "state", "comment")][-1] == LIVE
    unpublished = Chapter.objects.get(number=3)
    assert unpublished.live_revision is None
    assert list(unpublished.revisions.values_list("parent", flat=True)) == [None]
    # Read once, it travels in the new format from then on, unchanged (but for the step each
    # import adds to a live revision).
    before, after = round_trip(tmp_path)
    assert before["format_version"] == FORMAT_VERSION
    assert without_time(after) == live_imported(before)


def test_images_pass_the_upload_check(content, tmp_path):
    exif = PillowImage.Exif()
    exif[0x013B] = "Jan Jansen, Den Haag"  # Artist
    with_metadata = ImageFactory(data=jpeg_bytes(exif=exif.tobytes()), content_type="image/jpeg")
    photo = bytes(Image.objects.get(content_type="image/jpeg", alt_text="Een groen vlak").data)
    round_trip(tmp_path)
    cleaned = Image.objects.get(pk=with_metadata.pk)
    assert cleaned.content_type == "image/jpeg"
    assert b"Jan Jansen" not in bytes(cleaned.data) and cleaned.size == len(cleaned.data)
    with PillowImage.open(BytesIO(bytes(cleaned.data))) as picture:
        assert not picture.getexif()
    # Even an image with nothing but its pixels is stored as an upload stores it.
    stored_photo = bytes(Image.objects.get(alt_text="Een groen vlak").data)
    assert stored_photo == inspect_image(ContentFile(photo))[3]


def test_an_image_that_is_not_what_the_file_says_refuses_the_import(content, tmp_path):
    ImageFactory(alt_text="Een foto die een PNG heet", data=jpeg_bytes(), content_type="image/png")
    path = tmp_path / "inhoud.json"
    call_command("export_content", output=path, stderr=io.StringIO())
    before = json.loads(path.read_text(encoding="utf-8"))
    with pytest.raises(CommandError) as refused:
        call_command("import_content", str(path), "--replace", stdout=io.StringIO())
    assert "volgens het bestand is dit een PNG-afbeelding, maar de inhoud is een JPEG" in str(
        refused.value
    )
    assert str(refused.value).startswith("Niets ingelezen. afbeelding 3 (id ")
    assert without_time(export_content()) == without_time(before)  # nothing changed


def same_address(document: dict, chapter: dict, slug: str) -> None:
    """A chapter (and its live text, so the file agrees with itself) at another's address."""
    chapter["slug"] = slug
    live = next(r for r in chapter["revisions"] if r["id"] == chapter["live_revision"])
    live["slug"] = slug


def broken(document: dict, key: str, **changes) -> None:
    revision = revisions_of(document, 4)[3]
    target = {"revision": revision, "chapter": document["chapters"][0]}[key]
    target.update(changes)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format_version=99), "formaatversie 99.*leest formaatversie 1 en 2"),
        (lambda d: d.update(format="iets anders"), "geen export van de inhoud"),
        (lambda d: d["chapters"][0].pop("title"), "het veld „title” ontbreekt"),
        (
            lambda d: d["chapters"][0].update(first_published_at="gisteren"),
            "het veld „first_published_at” klopt niet",
        ),
        (lambda d: same_address(d, d["chapters"][1], d["chapters"][0]["slug"]), "twee keer"),
        (lambda d: d["chapters"][0]["anchor_aliases"][0].update(kind="weg"), "„weg”"),
        (lambda d: d["images"][0].update(data="geen base64!"), "het veld „data” klopt niet"),
        (
            lambda d: d["images"][0].update(data=base64.b64encode(b"<svg/>").decode()),
            r"afbeelding 1 \(id \d+, „Een blauw vlak.*”\): Dit bestand is geen PNG-, JPEG- of WebP",
        ),
        (lambda d: d.update(chapters="geen lijst"), "moet een lijst zijn"),
        (lambda d: broken(d, "revision", parent=999999), "bouwt voort op versie #999999"),
        (lambda d: broken(d, "revision", merged_from=999999), "samengevoegd met versie #999999"),
        (lambda d: broken(d, "revision", state="live"), "„live” is geen toegestane waarde"),
        (
            lambda d: broken(d, "chapter", live_revision=revisions_of(d, 4)[0]["id"]),
            "is geen versie van dit hoofdstuk",
        ),
        (lambda d: revisions_of(d, 2).append(revisions_of(d, 2)[0]), "twee keer in het bestand"),
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
    assert not Revision.objects.exists() and not Image.objects.exists()


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
    assert json.loads(out.getvalue()) | {"exported_at": ANY} == export_content()


# Issue 23: a crafted export must not publish anything this portal did not approve.


def revision_of(document: dict, number: int, state: str) -> dict:
    return next(r for r in revisions_of(document, number) if r["state"] == state)


def crafted(document: dict, *, live_pointer_at_a_draft: bool = False) -> dict:
    """A real export, edited: what only a review or publication here could give, claimed."""
    document = copy.deepcopy(document)
    past = (timezone.now() - timedelta(hours=1)).isoformat()
    long_ago = (timezone.now() - timedelta(days=400)).isoformat()
    # A draft marked approved (its fields), with a go-live moment already past.
    revision_of(document, 1, S.DRAFT).update(
        reviewed_by="p.pietersen",
        reviewed_at=past,
        publish_at=past,
        published_at=past,
        unreviewed_reason="Moet er nu op",
    )
    # An approval and a schedule, both for a moment already past: the next timer run would
    # publish them if they came along.
    revision_of(document, 2, S.SCHEDULED).update(publish_at=past)
    revision_of(document, 4, S.APPROVED).update(publish_at=past)
    # Revisions marked published that readers never saw: in a chapter nobody reads yet, and a
    # withdrawn merge the live text does not build on.
    revision_of(document, 5, S.SUBMITTED).update(state=S.PUBLISHED, published_at=long_ago)
    revision_of(document, 4, S.WITHDRAWN).update(state=S.PUBLISHED, published_at=past)
    # A publication without a moment, and a replaced revision that claims one.
    revisions_of(document, 1)[0].update(published_at=None)  # the live text builds on it
    revision_of(document, 4, S.SUPERSEDED).update(published_at=past)
    if live_pointer_at_a_draft:
        first = document["chapters"][0]
        first["live_revision"] = revision_of(document, 1, S.DRAFT)["id"]
    return document


def readers_see() -> list:
    return list(
        Chapter.objects.order_by("pk").values_list(
            "pk", "is_published", "live_revision", "title", "slug", "body", "body_html"
        )
    )


def publish_scheduled() -> str:
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


def import_file(document: dict, tmp_path) -> str:
    path = tmp_path / "gemaakt.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    out = io.StringIO()
    call_command("import_content", str(path), "--replace", stdout=out)
    return out.getvalue()


def test_a_crafted_export_publishes_nothing_and_says_what_was_dropped(content, tmp_path, client):
    exported = export_content()
    ids = {
        key: revision_of(exported, number, state)["id"]
        for key, number, state in (
            ("draft", 1, S.DRAFT),
            ("scheduled", 2, S.SCHEDULED),
            ("approved", 4, S.APPROVED),
            ("never-live", 5, S.SUBMITTED),
            ("not-built-on", 4, S.WITHDRAWN),
            ("replaced", 4, S.SUPERSEDED),
        )
    }
    ids["without-moment"] = revisions_of(exported, 1)[0]["id"]
    document = crafted(exported)
    seen = readers_see()
    output = import_file(document, tmp_path)
    assert readers_see() == seen  # exactly the live texts of the file, nothing else
    token = ContentVersion.objects.current()

    assert publish_scheduled() == "Er was niets te publiceren.\n"
    assert scheduling.publish_due(now=timezone.now() + timedelta(days=365)) == []
    assert readers_see() == seen and ContentVersion.objects.current() == token
    assert not Revision.objects.filter(state__in=[S.APPROVED, S.SCHEDULED]).exists()
    second = content["second"]
    assert "Straks live" not in client.get(second.get_absolute_url()).content.decode()

    # The audit trail of each revision says what did not come along, and why.
    def last_step(key: str) -> tuple[Revision, str]:
        revision = Revision.objects.get(pk=ids[key])
        step = revision.events.last()
        assert (step.action in {"import", "submit"}, step.user) == (True, None)
        return revision, step.comment

    claimed = next(r for r in revisions_of(document, 1) if r["id"] == ids["draft"])
    past, approved_at = moment(claimed["publish_at"]), moment(claimed["reviewed_at"])
    long_ago = moment(revisions_of(document, 5)[0]["published_at"])
    draft, comment = last_step("draft")
    assert (draft.state, draft.reviewed_by, draft.reviewed_at) == (S.DRAFT, None, None)
    assert (draft.publish_at, draft.published_at, draft.unreviewed_reason) == (None, None, "")
    assert comment == (
        "Ingelezen. Niet overgenomen uit het bestand: de controle door p.pietersen op "
        f"{approved_at}; het moment van publiceren ({past}), al voorbij; een moment van "
        f"publicatie ({past}); een reden om zonder controle te publiceren."
    )
    for key in ("scheduled", "approved"):
        revision, comment = last_step(key)
        assert (revision.state, revision.publish_at, revision.reviewed_by) == (
            S.SUBMITTED,
            None,
            None,
        )
        assert comment.startswith(f"{RESUBMITTED}. Niet overgenomen uit het bestand: de ")
        assert comment.endswith(f"; het moment van publiceren ({past}), al voorbij.")
    for key, claimed_at in (("never-live", long_ago), ("not-built-on", past)):
        revision, comment = last_step(key)
        assert (revision.state, revision.published_at) == (S.WITHDRAWN, None)
        assert comment == (
            "Ingelezen: ingetrokken. Stond in het bestand als gepubliceerd, maar de tekst die "
            "lezers zien bouwt er niet op voort. Niet overgenomen uit het bestand: de publicatie "
            f"op {claimed_at}."
        )
    revision, comment = last_step("without-moment")
    assert (revision.state, revision.published_at) == (S.WITHDRAWN, None)
    assert comment == (
        "Ingelezen: ingetrokken. Stond in het bestand als gepubliceerd, maar zonder moment van "
        "publicatie. Niet overgenomen uit het bestand: de publicatie."
    )
    revision, comment = last_step("replaced")
    assert (revision.state, revision.published_at) == (S.SUPERSEDED, None)
    assert comment == (
        f"Ingelezen. Niet overgenomen uit het bestand: een moment van publicatie ({past})."
    )
    for chapter in Chapter.objects.exclude(live_revision=None):
        assert chapter.live_revision.events.last().comment == LIVE
    assert "2 goedgekeurde of geplande versies staan weer ter controle" in output
    assert "Bij 2 andere versies is iets niet overgenomen" in output
    assert "3 versies stonden als gepubliceerd" in output

    # A colleague here approves the text afresh: only then does it go live.
    revision = Revision.objects.get(pk=revision_of(document, 2, S.SCHEDULED)["id"])
    review.approve(revision_id=revision.pk, user=UserFactory(username="k.klaassen"))
    assert "Straks live" in client.get(second.get_absolute_url()).content.decode()


def test_a_crafted_export_with_a_draft_as_live_text_is_refused_and_changes_nothing(
    content, tmp_path
):
    before = without_time(export_content())
    seen = readers_see()
    document = crafted(export_content(), live_pointer_at_a_draft=True)
    with pytest.raises(CommandError) as refused:
        import_file(document, tmp_path)
    assert str(refused.value) == (
        "Niets ingelezen. hoofdstuk 1 (online-actief-als-ambtenaar): de gepubliceerde versie "
        f"#{document['chapters'][0]['live_revision']} staat niet als gepubliceerd in het bestand "
        "maar als „draft”."
    )
    assert publish_scheduled() == "Er was niets te publiceren.\n"
    assert readers_see() == seen
    assert without_time(export_content()) == before


def other_text(document: dict) -> None:
    document["chapters"][0]["body"] += "\n\nEen alinea die niemand goedkeurde."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            other_text,
            r"wat lezers zien \(„body”\) is niet de tekst van de gepubliceerde versie #\d+\. Het "
            "bestand spreekt zichzelf tegen",
            id="chapter-text-not-its-live-revision",
        ),
        pytest.param(
            lambda d: d["chapters"][0].update(title="Anders", summary="Ook anders"),
            r"wat lezers zien \(„title”, „summary”\) is niet de tekst",
            id="title-and-summary-not-its-live-revision",
        ),
        pytest.param(
            lambda d: d["chapters"][0].update(live_revision=None),
            "het hoofdstuk staat als gepubliceerd, maar het bestand noemt geen gepubliceerde "
            "versie",
            id="published-without-live-revision",
        ),
        pytest.param(
            lambda d: d["chapters"][0].update(is_published=False),
            r"het hoofdstuk staat als niet gepubliceerd, maar het bestand noemt versie #\d+",
            id="live-revision-of-an-unpublished-chapter",
        ),
    ],
)
def test_a_file_that_contradicts_itself_about_what_readers_see_is_refused(
    content, tmp_path, change, message
):
    before = without_time(export_content())
    document = export_content()
    change(document)
    with pytest.raises(CommandError, match=rf"^Niets ingelezen\. hoofdstuk 1 .*{message}"):
        import_file(document, tmp_path)
    assert without_time(export_content()) == before
