"""Release the zelftoets reflections whose period has ended.

Run it from a timer, for example every hour (docs/deployment.md has a systemd unit); a run
between two period ends does nothing. `--close-period` ends the current period now, as if its
moment had come (for operators and tests). `--every SECONDS` keeps it running (`make run`)."""

from django.utils import timezone
from django.utils.formats import date_format

from handreiking.management.repeating import RepeatingCommand
from handreiking.zelftoets import periods, release


class Command(RepeatingCommand):
    help = (
        "Geeft de reflecties vrij van elke periode die voorbij is, als die periode er genoeg "
        "heeft van verschillende computers."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--close-period",
            action="store_true",
            help="Beëindig de huidige periode nu, alsof het moment van vrijgeven is gekomen.",
        )

    def run_once(self, *, first: bool, repeating: bool, close_period: bool, **options) -> None:
        # --close-period ends the period that runs when the command starts, not every one.
        close_period = close_period and first
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
