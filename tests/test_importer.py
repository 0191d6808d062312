"""The plain-text format and `manage.py import_handreiking`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from handreiking.content import SEED_FILE
from handreiking.editorial import review
from handreiking.importer import ImportFormatError, parse_handreiking
from handreiking.models import ChangeNote, Chapter, Revision
from tests.factories import ChapterFactory, UserFactory

SEED = SEED_FILE.read_text(encoding="utf-8")


def test_seed_parses_into_three_chapters_in_order():
    """The seed text parses as the handreiking's three chapters."""
    chapters = parse_handreiking(SEED)
    assert [c.number for c in chapters] == [1, 2, 3]
    assert chapters[0].title == (
        "Rijksambtenaren zijn online actief als ambassadeur van de Rijksoverheid"
    )
    assert chapters[2].slug == (
        "integriteit-en-professionele-taakinvulling-op-social-media-gaan-samen"
    )
    assert chapters[1].summary == (
        "De samenleving bevindt zich tegenwoordig net zo goed online als offline."
    )


def test_seed_gedragscode_block_is_a_heading_with_one_flat_list():
    """The seed text: chapter 1's indented Gedragscode list becomes a heading and one list."""
    body = parse_handreiking(SEED)[0].body
    assert "## Wat zegt de Gedragscode Integriteit Rijk?\n\n- Als ambtenaar" in body
    items = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(items) == 5
    assert all(not line.startswith(" ") for line in body.splitlines())
    assert "- De volledige Gedragscode Integriteit Rijk lees je [hier](#)." in body


def test_seed_newspaper_test_is_a_list_after_its_question():
    """The seed text: chapter 3 ends with the newspaper test as a list after its question."""
    body = parse_handreiking(SEED)[2].body
    assert "Twijfel over je bijdrage? Vraag je af of je:\n\n- Je collega's" in body
    assert body.rstrip().endswith(
        "- Je op je gemak zou voelen als jouw bijdrage de volgende dag in de krant zou staan"
    )


# A source text of one chapter, and that chapter as the importer writes it.
IMPORTED_TITLE = "Online media zijn een bron van informatie"
IMPORTED_BODY = "De samenleving bevindt zich online en offline.\n"
IMPORTED = f"Testhandreiking\n\n42. {IMPORTED_TITLE}\n\n{IMPORTED_BODY}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Geen hoofdstukken gevonden"),
        ("Zomaar wat tekst\nzonder hoofdstukken\n", "Geen hoofdstukken gevonden"),
        ("Titel\nNog een regel\nEn nog een\n1. Hoofdstuk\n\nTekst.", "alleen de titel"),
        ("1. Een\n\nTekst.\n\n1. Nog een\n\nTekst.", "dubbel"),
        ("1. Leeg\n\n2. Vol\n\nTekst.", "heeft geen tekst"),
        ("1. Een\n\nTekst\x00.", "NUL-teken"),
    ],
)
def test_malformed_text_gives_a_clear_error(text, message):
    with pytest.raises(ImportFormatError, match=message):
        parse_handreiking(text)


@pytest.mark.django_db
def test_import_of_the_seed_again_changes_nothing(tmp_path):
    """The seed text: data migration 0002 imported it, so importing it again is a no-op."""
    before = Chapter.history.count()
    out = StringIO()
    call_command("import_handreiking", str(SEED_FILE), stdout=out)
    assert "Hoofdstuk 1, 2, 3: al gelijk" in out.getvalue()
    assert Chapter.history.count() == before
    assert Chapter.objects.count() == 3


@pytest.mark.django_db
def test_import_adds_new_chapters_and_keeps_edited_ones_without_force(tmp_path):
    chapter = ChapterFactory(number=42, title=IMPORTED_TITLE, body=IMPORTED_BODY)
    chapter.body = "Door de redactie herschreven."
    chapter.save()
    source = tmp_path / "nieuw.txt"
    source.write_text(IMPORTED + "\n\n43. Een nieuw hoofdstuk\n\nNieuwe tekst.\n", encoding="utf-8")
    out = StringIO()
    call_command("import_handreiking", str(source), stdout=out)
    assert "Hoofdstuk 43: nieuw, ter controle aangeboden" in out.getvalue()
    assert "Hoofdstuk 42: overgeslagen" in out.getvalue()
    chapter.refresh_from_db()
    assert chapter.body == "Door de redactie herschreven."
    new = Chapter.objects.get(number=43)
    # Imported text is never live before a colleague approves it.
    assert not new.is_published
    waiting = Revision.objects.get(chapter=new, state="submitted")
    review.approve(revision_id=waiting.pk, user=UserFactory(groups=["Redacteuren"]))
    new.refresh_from_db()
    assert new.is_published
    assert new.slug == "een-nieuw-hoofdstuk"
    assert ChangeNote.objects.filter(chapter=new, is_first_publication=True).exists()
    # Importing the same file again is a no-op.
    history = Chapter.history.count()
    call_command("import_handreiking", str(source), stdout=StringIO())
    assert Chapter.history.count() == history


@pytest.mark.django_db
def test_import_with_force_overwrites_as_a_new_version(tmp_path):
    chapter = ChapterFactory(number=42, title=IMPORTED_TITLE, body=IMPORTED_BODY)
    chapter.body = "Door de redactie herschreven."
    chapter.save()
    versions = chapter.history.count()
    source = tmp_path / "bron.txt"
    source.write_text(IMPORTED, encoding="utf-8")
    out = StringIO()
    call_command("import_handreiking", str(source), "--force", stdout=out)
    assert "Hoofdstuk 42: nieuwe versie ter controle aangeboden" in out.getvalue()
    chapter.refresh_from_db()
    assert chapter.body == "Door de redactie herschreven."
    waiting = Revision.objects.get(chapter=chapter, state="submitted")
    review.approve(revision_id=waiting.pk, user=UserFactory(groups=["Redacteuren"]))
    chapter.refresh_from_db()
    assert "De samenleving bevindt zich" in chapter.body
    assert chapter.history.count() == versions + 1
    assert chapter.change_notes.first().note.startswith("Tekst opnieuw ingelezen")


@pytest.mark.django_db
def test_import_of_a_malformed_file_fails_clearly_and_changes_nothing(tmp_path):
    source = tmp_path / "kapot.txt"
    source.write_text("Dit is geen handreiking.\nHelemaal niet.\n", encoding="utf-8")
    ChapterFactory()
    before = list(Chapter.objects.values_list("pk", "body"))
    with pytest.raises(CommandError, match="Geen hoofdstukken gevonden"):
        call_command("import_handreiking", str(source))
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("import_handreiking", str(tmp_path / "bestaat-niet.txt"))
    binary = tmp_path / "binair.txt"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(CommandError, match="geen UTF-8"):
        call_command("import_handreiking", str(binary))
    assert list(Chapter.objects.values_list("pk", "body")) == before
