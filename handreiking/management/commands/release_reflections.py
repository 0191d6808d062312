"""Release the zelftoets reflections whose period has ended.

Run it from a timer, for example every hour (docs/deployment.md has a systemd unit); a run
between two period ends does nothing. `--close-period` ends the current period now, as if its
moment had come (for operators and tests). `--every SECONDS` keeps it running (`make run`)."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.formats import date_format

from handreiking.zelftoets import periods, release


class Command(BaseCommand):
    help = (
        "Geeft de reflecties vrij van elke periode die voorbij is, als die periode er genoeg "
        "heeft van verschillende computers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--close-period",
            action="store_true",
            help="Beëindig de huidige periode nu, alsof het moment van vrijgeven is gekomen.",
        )
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDEN",
            help="Blijf draaien en kijk elke zoveel seconden (0: één keer).",
        )

    def handle(self, *args, close_period: bool, every: int, **options):
        while True:
            self._run(close_period=close_period)
            if every <= 0:
                return
            close_period = False
            time.sleep(every)

    def _run(self, *, close_period: bool) -> None:
        now = timezone.now()
        result = release.release_due(now=now, close_period=close_period)
        if result.closed is None:
            ends = timezone.localtime(periods.current(now=now).closes_at)
            self.stdout.write(
                f"Er was niets vrij te geven: de huidige periode loopt tot "
                f"{date_format(ends, 'l j F Y H:i')}."
            )
        elif result.released:
            self.stdout.write(
                f"Periode {result.closed} is afgesloten: {result.released} reflecties vrijgegeven."
            )
        else:
            self.stdout.write(
                f"Periode {result.closed} is afgesloten. Er waren te weinig reflecties van "
                f"verschillende computers; ze wachten tot een volgende periode er genoeg heeft."
            )
