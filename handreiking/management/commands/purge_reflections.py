"""Delete reflections past their retention period, and search-miss counts older than 90 days.

`purge_expired` does this too, with every other retention; schedule that one daily
(docs/deployment.md). This command stays for scripts that call it and for `--days`."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from handreiking import retention


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
        days = settings.REFLECTION_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("De bewaartermijn kan niet negatief zijn.")
        result = retention.purge_reflections(retention_days=days, today=timezone.localdate())
        self.stdout.write(
            f"{result.reflections} reflecties verwijderd (bewaartermijn {days} dagen)."
        )
        self.stdout.write(
            f"{result.search_misses} weektellingen van zoekvragen zonder resultaat verwijderd."
        )
