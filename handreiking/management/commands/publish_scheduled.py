"""Publish the approved revisions whose scheduled moment has come.

Reading a page never publishes anything: run this every minute from a timer (docs/deployment.md
has a systemd unit). `--every SECONDS` keeps it running and checks that often (what `make run`
does beside the development server)."""

from handreiking.editorial import scheduling
from handreiking.management.repeating import RepeatingCommand
from handreiking.pagecache import warming


class Command(RepeatingCommand):
    help = "Publiceert de goedgekeurde versies waarvan het geplande moment is aangebroken."

    def run_once(self, *, first: bool, repeating: bool, **options) -> None:
        # The timer waits for nobody: pages are prepared after it, in the background.
        with warming.in_background():
            published = scheduling.publish_due()
        for chapter in published:
            self.stdout.write(f"Gepubliceerd: {chapter}")
        if not published and not repeating:
            self.stdout.write("Er was niets te publiceren.")
