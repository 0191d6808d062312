"""Delete old superseded and withdrawn drafts (handreiking.editorial.retention says which)."""

from django.core.management.base import BaseCommand

from handreiking.editorial.retention import prune_revisions


class Command(BaseCommand):
    help = "Verwijdert oude, vervangen of ingetrokken concepten; gepubliceerde versies blijven."

    def handle(self, *args, **options):
        count = prune_revisions()
        self.stdout.write(f"{count} oude concepten verwijderd.")
