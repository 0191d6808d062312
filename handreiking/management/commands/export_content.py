"""Write the handreiking's content as one JSON document (see handreiking.portability)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from handreiking.portability import export_content


class Command(BaseCommand):
    help = (
        "Schrijft alle inhoud van de handreiking als één JSON-bestand: hoofdstukken met hun "
        "geschiedenis, oude adressen en ankers, wijzigingsnotities, alle opgeslagen versies "
        "van de redactie met hun stappen door de controle, het onboardingmateriaal van HR, "
        "afbeeldingen en de zoekinstellingen van de redactie. Lees het in met import_content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="Schrijf naar dit bestand in plaats van naar het scherm (standaarduitvoer).",
        )

    def handle(self, *args, output: Path | None, **options):
        text = json.dumps(export_content(), ensure_ascii=False, indent=2) + "\n"
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kan {output} niet schrijven: {error.strerror}") from error
        self.stderr.write(self.style.SUCCESS(f"Inhoud geschreven naar {output}."))
