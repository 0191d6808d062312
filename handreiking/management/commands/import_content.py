"""Read a document made by export_content back in (see handreiking.portability)."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from handreiking.portability import PortabilityError, import_content


class Command(BaseCommand):
    help = (
        "Leest inhoud in die export_content schreef. Standaard alleen in een database zonder "
        "inhoud; --replace verwijdert eerst alle bestaande inhoud (in dezelfde transactie). "
        "Een fout in het bestand verandert niets. De gepubliceerde tekst van elk hoofdstuk "
        "staat live door deze import (een stap in de geschiedenis van die versie zegt dat). "
        "Goedkeuringen komen niet mee: een versie die goedgekeurd of gepland was, staat hier "
        "weer ter controle; wat alleen een controle of publicatie hier kan geven, vervalt. "
        "Afbeeldingen worden gecontroleerd en opnieuw opgeslagen zoals bij uploaden. Leest ook "
        "bestanden van formaatversie 1 (met één concept per hoofdstuk)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het JSON-bestand, of - om van standaardinvoer te lezen.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Verwijder eerst alle hoofdstukken, geschiedenis en afbeeldingen die er al zijn.",
        )

    def handle(self, *args, file: str, replace: bool, **options):
        document = self._read(file)
        try:
            summary = import_content(document=document, replace=replace)
        except PortabilityError as error:
            raise CommandError(f"Niets ingelezen. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Ingelezen: {summary.chapters} hoofdstukken, {summary.versions} versies in de "
                f"geschiedenis, {summary.revisions} opgeslagen versies van de redactie, "
                f"{summary.images} afbeeldingen. Lezers zien de gepubliceerde tekst van "
                f"{summary.live} hoofdstukken, zoals in het bestand."
            )
        )
        if summary.resubmitted:
            self.stdout.write(
                self.style.WARNING(
                    f"{summary.resubmitted} goedgekeurde of geplande versies staan weer ter "
                    "controle: een goedkeuring komt niet mee uit een bestand. Een collega in dit "
                    "portaal moet ze opnieuw goedkeuren voordat ze live gaan."
                )
            )
        if summary.dropped:
            self.stdout.write(
                self.style.WARNING(
                    f"Bij {summary.dropped} andere "
                    f"{'versie' if summary.dropped == 1 else 'versies'} is iets niet "
                    "overgenomen dat alleen een controle of publicatie hier kan geven (een "
                    "controleur, een moment van publiceren dat al voorbij is, een "
                    "publicatiedatum). Hun stappen zeggen wat."
                )
            )
        if summary.withdrawn:
            self.stdout.write(
                self.style.WARNING(
                    f"{summary.withdrawn} "
                    f"{'versie stond' if summary.withdrawn == 1 else 'versies stonden'} als "
                    "gepubliceerd, maar lezers kunnen die tekst hier nooit gezien hebben: "
                    "ingetrokken, de tekst blijft in de geschiedenis. Hun stappen zeggen waarom."
                )
            )
        if summary.unknown_users:
            names = ", ".join(sorted(summary.unknown_users))
            self.stdout.write(
                self.style.WARNING(
                    f"Deze gebruikers bestaan hier niet: {names}. Hun versies en stappen in "
                    "de controle staan er, zonder naam."
                )
            )

    def _read(self, file: str):
        source = "standaardinvoer" if file == "-" else file
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(f"Bestand niet gevonden: {file}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{source} is geen UTF-8-tekstbestand.") from error
        except OSError as error:
            raise CommandError(f"Kan {source} niet lezen: {error.strerror}") from error
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{source} is geen geldig JSON-bestand (regel {error.lineno}, kolom "
                f"{error.colno}). Niets ingelezen."
            ) from error
