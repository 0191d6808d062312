"""Commands that a timer runs once, and that `--every SECONDS` keeps running instead (what
`make run` does beside the development server)."""

import time

from django.core.management.base import BaseCommand


class RepeatingCommand(BaseCommand):
    """Runs `run_once`, once or every so many seconds; a subclass adds its own options."""

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDEN",
            help="Blijf draaien en kijk elke zoveel seconden (0: één keer).",
        )

    def handle(self, *args, every: int, **options):
        first = True
        while True:
            self.run_once(first=first, repeating=every > 0, **options)
            if every <= 0:
                return
            first = False
            time.sleep(every)

    def run_once(self, *, first: bool, repeating: bool, **options) -> None:
        raise NotImplementedError
