"""Publish the drafts whose scheduled moment has come.

Not needed for scheduling to work: the next request after the moment publishes them. Run it
from a timer if a publication must go live on the minute even when nobody visits the site."""

from django.core.management.base import BaseCommand

from handreiking import scheduling


class Command(BaseCommand):
    help = "Publiceert de concepten waarvan het geplande moment is aangebroken."

    def handle(self, *args, **options):
        published = scheduling.publish_due()
        if not published:
            self.stdout.write("Er was niets te publiceren.")
        for chapter in published:
            self.stdout.write(f"Gepubliceerd: {chapter}")
