"""Delete reflections past their retention period, and search-miss counts older than 90 days.
Schedule daily (see README)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from handreiking import search
from handreiking.zelftoets import services


class Command(BaseCommand):
    help = "Verwijdert reflecties die ouder zijn dan REFLECTION_RETENTION_DAYS (standaard 365)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Bewaartermijn in dagen (standaard: REFLECTION_RETENTION_DAYS).",
        )

    def handle(self, *args, days: int | None, **options):
        retention = settings.REFLECTION_RETENTION_DAYS if days is None else days
        if retention < 0:
            raise CommandError("De bewaartermijn kan niet negatief zijn.")
        deleted = services.purge_reflections(retention_days=retention)
        self.stdout.write(f"{deleted} reflecties verwijderd (bewaartermijn {retention} dagen).")
        misses = search.purge_misses(today=timezone.localdate())
        self.stdout.write(f"{misses} weektellingen van zoekvragen zonder resultaat verwijderd.")
