"""Check every external link in the published chapters and HR's onboarding material; the
editors see the outcome in the admin (Externe links). Plan it, for example nightly with cron."""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from handreiking.linkcheck import checking

MAX_CONCURRENCY = 32
# httpx and httpcore log every request in English at INFO: not for this command's output.
QUIET_LOGGERS = ("httpx", "httpcore")


@contextmanager
def quiet_http_logs():
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.level, logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def where(locations: list[dict]) -> str:
    kinds = {"chapter": "hoofdstuk", "onboarding": "onboardingmateriaal"}
    return ", ".join(f"{kinds[place['kind']]} „{place['title']}”" for place in locations)


def count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


class Command(BaseCommand):
    help = (
        "Controleert elke link naar een andere website in de gepubliceerde hoofdstukken en het "
        "onboardingmateriaal. De redactie ziet de uitkomst in de beheeromgeving (Externe links)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency",
            type=int,
            default=8,
            help=f"Hoeveel links tegelijk (1 tot en met {MAX_CONCURRENCY}; standaard 8).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="Hoeveel seconden een link mag doen over zijn antwoord (standaard "
            "LINK_CHECK_TIMEOUT_SECONDS).",
        )
        parser.add_argument(
            "--fail-on-broken",
            action="store_true",
            help="Eindig met code 1 als een link niet werkt of als er geen netwerk is (voor "
            "monitoring).",
        )

    def handle(self, *args, concurrency=8, timeout=None, fail_on_broken=False, **options):
        if not 1 <= concurrency <= MAX_CONCURRENCY:
            raise CommandError(
                f"Geef bij --concurrency een getal van 1 tot en met {MAX_CONCURRENCY}."
            )
        timeout = settings.LINK_CHECK_TIMEOUT_SECONDS if timeout is None else timeout
        if not 0 < timeout <= 300:
            raise CommandError("Geef bij --timeout een aantal seconden van meer dan 0 tot 300.")

        with quiet_http_logs():
            summary = checking.check_links(
                concurrency=concurrency, timeout=timeout, progress=self.progress
            )

        if summary.no_network:
            self.stdout.write(
                self.style.ERROR(
                    "Geen netwerk: niets gecontroleerd. Geen enkele website was te bereiken; "
                    "de uitkomst van de vorige controle blijft staan."
                )
            )
            if fail_on_broken:
                raise SystemExit(1)
            return
        for link in summary.broken:
            self.stdout.write(
                f"Werkt niet: {link.url} ({link.problem}), in {where(link.locations)}"
            )
        for link in summary.moved:
            self.stdout.write(
                f"Stuurt door: {link.url} naar {link.redirects_to}, in {where(link.locations)}"
            )
        for link in summary.not_checked:
            self.stdout.write(
                f"Niet gecontroleerd: {link.url} (intern adres), in {where(link.locations)}"
            )
        if not summary.checked and not summary.not_checked:
            self.stdout.write("Geen externe links gevonden.")
        else:
            line = (
                f"{count(summary.checked, 'link', 'links')} gecontroleerd, "
                f"{count(len(summary.broken), 'werkt', 'werken')} niet"
            )
            if summary.moved:
                line += f", {count(len(summary.moved), 'stuurt', 'sturen')} door"
            if summary.not_checked:
                line += (
                    f"; {count(len(summary.not_checked), 'link', 'links')} niet gecontroleerd "
                    "(intern adres: alleen adressen op internet worden gecontroleerd)"
                )
            style = self.style.ERROR if summary.broken else self.style.SUCCESS
            self.stdout.write(style(line + "."))
        if fail_on_broken and summary.broken:
            raise SystemExit(1)

    def progress(self, done: int, total: int) -> None:
        """A sign of life while the links are asked: at the start, then every tenth."""
        if done == 0:
            if total:
                self.stdout.write(
                    f"{count(total, 'externe link', 'externe links')} gevonden; de controle begint."
                )
            return
        step = max(10, total // 10)
        if done % step == 0 and done < total:
            self.stdout.write(f"{done} van {total} links gecontroleerd …")
