"""Read the handreiking's plain-text source into chapters."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from handreiking.editorial import importing
from handreiking.importer import ImportFormatError, parse_handreiking


class Command(BaseCommand):
    help = (
        "Leest hoofdstukken in uit een tekstbestand in het formaat van de handreiking "
        "(genummerde hoofdstukken, lijsten met '- ', Markdown-links). Hoofdstukken die de "
        "redactie heeft aangepast, blijven staan, tenzij u --force gebruikt."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Het tekstbestand (UTF-8).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overschrijf ook hoofdstukken die afwijken (wordt een nieuwe versie).",
        )

    def handle(self, *args, file: Path, force: bool, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(f"Bestand niet gevonden: {file}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is geen UTF-8-tekstbestand.") from error
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error.strerror}") from error
        try:
            parsed = parse_handreiking(text)
        except ImportFormatError as error:
            raise CommandError(f"Kan {file} niet inlezen: {error}") from error

        outcome = importing.import_chapters(parsed, force=force, source=file.name)
        labels = {
            "created": "nieuw, ter controle aangeboden",
            "updated": "nieuwe versie ter controle aangeboden",
            "unchanged": "al gelijk",
            "skipped": "overgeslagen: aangepast door de redactie (gebruik --force)",
        }
        for key, label in labels.items():
            if outcome[key]:
                numbers = ", ".join(str(n) for n in outcome[key])
                style = self.style.WARNING if key == "skipped" else self.style.SUCCESS
                self.stdout.write(style(f"Hoofdstuk {numbers}: {label}"))
