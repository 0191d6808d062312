"""Delete everything whose retention period has passed (handreiking.retention says what).

Run it daily from a timer on one server (docs/deployment.md has the systemd units); running it
twice does no harm. It includes what `purge_reflections` and `prune_revisions` do."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from handreiking import retention


def amount(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def minutes(span: timedelta) -> str:
    return amount(int(span.total_seconds() // 60), "minuut", "minuten")


class Command(BaseCommand):
    help = (
        "Verwijdert alles waarvan de bewaartermijn voorbij is: reflecties, tellingen van "
        "zoekvragen zonder resultaat, oude concepten, het inloglog, oude mislukte "
        "inlogpogingen, verlopen sessies en „wie bewerkt nu” van browsers die geen gedag "
        "zeiden. Draai het elke dag."
    )

    def handle(self, *args, **options):
        result = retention.purge_expired(now=timezone.now())
        lines = [
            f"{amount(result.reflections, 'reflectie', 'reflecties')} verwijderd "
            f"(bewaartermijn {settings.REFLECTION_RETENTION_DAYS} dagen).",
            f"{amount(result.search_misses, 'weektelling', 'weektellingen')} van zoekvragen "
            "zonder resultaat verwijderd.",
            f"{amount(result.drafts, 'oud concept', 'oude concepten')} verwijderd.",
            f"{amount(result.login_log, 'regel', 'regels')} uit het inloglog verwijderd "
            f"(bewaartermijn {settings.LOGIN_LOG_RETENTION_DAYS} dagen).",
            f"{amount(result.failed_logins, 'mislukte inlogpoging', 'mislukte inlogpogingen')} "
            f"verwijderd (ouder dan de blokkeertijd van {minutes(settings.AXES_COOLOFF_TIME)}).",
            "Verlopen sessies verwijderd."
            if result.sessions_cleared
            else f"De sessie-opslag ({settings.SESSION_ENGINE}) kan verlopen sessies niet "
            "opruimen.",
            f"{amount(result.presences, 'melding', 'meldingen')} van „wie bewerkt nu” "
            "verwijderd (langer dan een dag geen teken van leven).",
        ]
        for line in lines:
            self.stdout.write(line)
