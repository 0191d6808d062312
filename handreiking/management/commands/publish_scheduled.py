"""Publish the approved revisions whose scheduled moment has come.

Reading a page never publishes anything: run this every minute from a timer (docs/deployment.md
has a systemd unit). `--every SECONDS` keeps it running and checks that often (what `make run`
does beside the development server)."""

import time

from django.core.management.base import BaseCommand

from handreiking.editorial import scheduling
from handreiking.pagecache import warming


class Command(BaseCommand):
    help = "Publiceert de goedgekeurde versies waarvan het geplande moment is aangebroken."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDEN",
            help="Blijf draaien en kijk elke zoveel seconden (0: één keer).",
        )

    def handle(self, *args, **options):
        every = max(options["every"], 0)
        while True:
            # The timer waits for nobody: pages are prepared after it, in the background.
            with warming.in_background():
                published = scheduling.publish_due()
            for chapter in published:
                self.stdout.write(f"Gepubliceerd: {chapter}")
            if not every:
                if not published:
                    self.stdout.write("Er was niets te publiceren.")
                return
            time.sleep(every)
