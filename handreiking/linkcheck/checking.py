"""The whole run (`manage.py check_links`) and an editor's recheck of a few links: find, ask (no
database connection is used meanwhile), store. Without a network nothing is stored: when no link
could be asked for want of one, the fault is here, not theirs, and the last outcome stays."""

import asyncio
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from handreiking.linkcheck.asking import NOT_CHECKED, Outcome, Progress, check_urls
from handreiking.linkcheck.finding import find_links, portal_hosts
from handreiking.models import ExternalLink

# An editor's recheck runs in the request: a few links at a time.
RECHECK_CONCURRENCY = 8


@dataclass(frozen=True)
class Summary:
    checked: int
    broken: list[ExternalLink]
    moved: list[ExternalLink]
    not_checked: list[ExternalLink] = field(default_factory=list)
    # Every link that was asked failed for want of a network: nothing was stored.
    no_network: bool = False


def is_not_checked(link: ExternalLink) -> bool:
    """Whether the stored outcome says the link was not asked (an internal address)."""
    return link.problem.startswith(NOT_CHECKED)


def no_network(outcomes: list[Outcome]) -> bool:
    """Every link that was asked failed for want of a network: the fault is here, not theirs."""
    asked = [outcome for outcome in outcomes if not outcome.not_checked]
    return bool(asked) and all(outcome.no_network for outcome in asked)


def _summary(links: list[ExternalLink]) -> Summary:
    not_checked = [link for link in links if is_not_checked(link)]
    return Summary(
        checked=len(links) - len(not_checked),
        broken=[link for link in links if link.is_broken],
        moved=[link for link in links if link.redirects_to and not link.is_broken],
        not_checked=not_checked,
    )


def check_links(*, concurrency: int, timeout: float, progress: Progress | None = None) -> Summary:
    """Find, check and store: a link no longer anywhere leaves the table."""
    places = find_links(hosts=portal_hosts())
    if progress:
        progress(0, len(places))
    outcomes = asyncio.run(
        check_urls(urls=list(places), concurrency=concurrency, timeout=timeout, progress=progress)
    )
    if no_network(outcomes):
        return Summary(checked=0, broken=[], moved=[], no_network=True)
    now = timezone.now()
    rows = [
        ExternalLink(
            url=outcome.url,
            is_broken=outcome.is_broken,
            status_code=outcome.status_code,
            problem=outcome.problem,
            redirects_to=outcome.redirects_to,
            locations=places[outcome.url],
            checked_at=now,
        )
        for outcome in outcomes
    ]
    fields = ["is_broken", "status_code", "problem", "redirects_to", "locations", "checked_at"]
    with transaction.atomic():
        ExternalLink.objects.exclude(url__in=list(places)).delete()
        ExternalLink.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["url"], update_fields=fields
        )
    return _summary(rows)


def recheck(*, links: list[ExternalLink], timeout: float) -> Summary:
    """Check these links again now (after an editor fixed them); where they stand is kept."""
    outcomes = asyncio.run(
        check_urls(
            urls=[link.url for link in links], concurrency=RECHECK_CONCURRENCY, timeout=timeout
        )
    )
    if no_network(outcomes):
        return Summary(checked=0, broken=[], moved=[], no_network=True)
    by_url = {outcome.url: outcome for outcome in outcomes}
    now = timezone.now()
    for link in links:
        outcome = by_url[link.url]
        link.is_broken, link.status_code = outcome.is_broken, outcome.status_code
        link.problem, link.redirects_to = outcome.problem, outcome.redirects_to
        link.checked_at = now
    fields = ["is_broken", "status_code", "problem", "redirects_to", "checked_at"]
    ExternalLink.objects.bulk_update(links, fields)
    return _summary(links)


def last_checked_at() -> datetime | None:
    return ExternalLink.objects.aggregate(last=Max("checked_at"))["last"]
