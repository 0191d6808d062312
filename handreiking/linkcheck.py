"""Broken links: every external address in the published chapters and in HR's onboarding
material, asked once each, a few at a time and never longer than the time-out, and the outcome
stored in ExternalLink for the editors (`manage.py check_links`)."""

import asyncio
import re
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.http.request import validate_host
from django.utils import timezone

from handreiking.models import Chapter, ExternalLink, OnboardingMaterial

MAX_REDIRECTS = 5
PERMANENT = {301, 308}
# A server that refuses HEAD often answers it with an error of its own instead of 405/501: an
# error to HEAD is asked again with GET before we call the link broken.
HEAD_REFUSED = 400
MAX_URL_LENGTH = ExternalLink._meta.get_field("url").max_length
# Not broken, but worth a look: intranet pages behind a login, bot protection, rate limits.
NOT_BROKEN = {
    401: "Vraagt om inloggen (401): kijk zelf of de link werkt",
    403: "Geen toegang voor de controle (403): kijk zelf of de link werkt",
    429: "De server vraagt om later terug te komen (429)",
}
BROKEN = {
    404: "Pagina niet gevonden (404)",
    410: "Pagina bestaat niet meer (410)",
}
# An address in plain text (HR's description); trailing punctuation belongs to the sentence.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'“”„]+", re.I)
_TRAILING = ".,;:!?)]}’"


@dataclass(frozen=True)
class Outcome:
    url: str
    is_broken: bool
    status_code: int | None = None
    problem: str = ""
    redirects_to: str = ""


@dataclass(frozen=True)
class Summary:
    checked: int
    broken: list[ExternalLink]
    moved: list[ExternalLink]


# Finding links.


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        self.found += [value for name, value in attrs if name == wanted and value]


def links_in_html(*, html: str) -> list[str]:
    """Link targets and image sources in rendered (sanitised) HTML, as readers get them."""
    parser = _Hrefs()
    parser.feed(html or "")
    parser.close()
    return parser.found


def links_in_text(*, text: str) -> list[str]:
    found = []
    for match in _URL_IN_TEXT.findall(text or ""):
        url = match.rstrip(_TRAILING)
        # Keep a closing bracket the address itself opened (Wikipedia style).
        if match[len(url) : len(url) + 1] == ")" and url.count("(") > url.count(")"):
            url += ")"
        found.append(url)
    return found


def portal_hosts() -> list[str]:
    """The portal's own host names: PORTAL_BASE_URL's host when set (the public address),
    otherwise ALLOWED_HOSTS (never the wildcard, which would make every link internal)."""
    if settings.PORTAL_BASE_URL:
        return [urlsplit(settings.PORTAL_BASE_URL).hostname or ""]
    return [host for host in settings.ALLOWED_HOSTS if host != "*"]


def external_url(*, url: str, hosts: list[str]) -> str:
    """The address to check, without its #fragment (never sent to the server), or "" for
    links within the portal, relative links, mailto:, tel: and the like."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not host:
        return ""
    if validate_host(host, hosts):
        return ""
    cleaned = urlunsplit(parts._replace(fragment=""))
    return cleaned if len(cleaned) <= MAX_URL_LENGTH else ""


def find_links(*, hosts: list[str]) -> dict[str, list[dict]]:
    """Every external address, with the places it stands: published chapters in order, then
    HR's material."""
    places: dict[str, list[dict]] = {}

    def add(urls: list[str], location: dict) -> None:
        for raw in urls:
            url = external_url(url=raw, hosts=hosts)
            if url and location not in places.setdefault(url, []):
                places[url].append(location)

    chapters = Chapter.objects.published().in_order().only("pk", "title", "body_html")
    for chapter in chapters:
        location = {"kind": "chapter", "id": chapter.pk, "title": chapter.title}
        add(links_in_html(html=chapter.body_html), location)
    for material in OnboardingMaterial.objects.order_by("chapter__number", "title", "pk"):
        location = {"kind": "onboarding", "id": material.pk, "title": material.title}
        add([material.url, *links_in_text(text=material.description)], location)
    return places


# Checking links.


def user_agent() -> str:
    """Polite: says who asks and where to find out more."""
    name = "Handreiking-portaal linkcontrole"
    return f"{name} (+{settings.PORTAL_BASE_URL})" if settings.PORTAL_BASE_URL else name


def seconds(value: float) -> str:
    shown = f"{value:g}".replace(".", ",")
    return f"{shown} seconde" if value == 1 else f"{shown} seconden"


def judge(*, url: str, status: int, moved_to: str) -> Outcome:
    """What a final answer means for the editor."""
    problem, broken = "", False
    if status in NOT_BROKEN:
        problem = NOT_BROKEN[status]
    elif status in BROKEN:
        problem, broken = BROKEN[status], True
    elif status >= 500:
        problem, broken = f"Fout bij de server ({status})", True
    elif status >= 400:
        problem, broken = f"De server weigert de pagina ({status})", True
    elif moved_to:
        problem = f"Stuurt door naar {moved_to}"
        problem = problem if len(problem) <= 300 else "Stuurt door naar een ander adres"
    return Outcome(url, broken, status, problem, moved_to)


def connection_problem(*, error: Exception) -> str:
    """The cause of a failed connection, from the exception chain httpx keeps."""
    seen: Exception | None = error
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return "Server niet gevonden"
        if isinstance(seen, ssl.SSLError):
            return "Beveiligde verbinding mislukt (certificaat of versleuteling)"
        if isinstance(seen, ConnectionRefusedError):
            return "De server weigert de verbinding"
        seen = seen.__cause__ or seen.__context__
    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return "Ongeldig adres"
    return "Geen verbinding met de server"


async def _ask(client: httpx.AsyncClient, url: str) -> httpx.Response:
    """HEAD, and GET when the server will not answer HEAD; the body is never read."""
    response = await client.head(url)
    if response.status_code < HEAD_REFUSED:
        return response
    async with client.stream("GET", url) as response:
        return response


async def _follow(client: httpx.AsyncClient, url: str) -> Outcome:
    current, moved_to, still_permanent = url, "", True
    for _hop in range(MAX_REDIRECTS + 1):
        response = await _ask(client, current)
        if not response.is_redirect:
            return judge(url=url, status=response.status_code, moved_to=moved_to)
        current = urljoin(current, response.headers["location"])
        # Only an unbroken chain of permanent redirects says where the link has moved to.
        still_permanent = still_permanent and response.status_code in PERMANENT
        if still_permanent:
            moved_to = current
        if urlsplit(current).scheme.lower() not in {"http", "https"}:
            return Outcome(url, True, response.status_code, "Stuurt door naar een ongeldig adres")
    return Outcome(
        url, True, response.status_code, f"Te veel doorverwijzingen (meer dan {MAX_REDIRECTS})"
    )


async def _check(
    client: httpx.AsyncClient, url: str, *, timeout: float, gate: asyncio.Semaphore
) -> Outcome:
    async with gate:
        try:
            # The whole link (redirects, HEAD and GET) within the time-out, however slowly a
            # server trickles its answer.
            return await asyncio.wait_for(_follow(client, url), timeout)
        except (TimeoutError, httpx.TimeoutException):
            return Outcome(url, True, None, f"Geen antwoord binnen {seconds(timeout)}")
        except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as error:
            return Outcome(url, True, None, connection_problem(error=error))


async def check_urls(*, urls: list[str], concurrency: int, timeout: float) -> list[Outcome]:
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(
        follow_redirects=False,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": user_agent(), "Accept": "text/html,*/*;q=0.8"},
        limits=httpx.Limits(max_connections=concurrency),
    ) as client:
        return await asyncio.gather(
            *(_check(client, url, timeout=timeout, gate=gate) for url in urls)
        )


# The whole run.


def check_links(*, concurrency: int, timeout: float) -> Summary:
    """Find, check (no database connection is used meanwhile) and store: a link no longer
    anywhere leaves the table."""
    places = find_links(hosts=portal_hosts())
    outcomes = asyncio.run(check_urls(urls=list(places), concurrency=concurrency, timeout=timeout))
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
    return Summary(
        checked=len(rows),
        broken=[row for row in rows if row.is_broken],
        moved=[row for row in rows if row.redirects_to and not row.is_broken],
    )


def recheck(*, links: list[ExternalLink], timeout: float) -> list[ExternalLink]:
    """Check these links again now (after an editor fixed them); where they stand is kept."""
    outcomes = asyncio.run(
        check_urls(urls=[link.url for link in links], concurrency=8, timeout=timeout)
    )
    by_url = {outcome.url: outcome for outcome in outcomes}
    now = timezone.now()
    for link in links:
        outcome = by_url[link.url]
        link.is_broken, link.status_code = outcome.is_broken, outcome.status_code
        link.problem, link.redirects_to = outcome.problem, outcome.redirects_to
        link.checked_at = now
    fields = ["is_broken", "status_code", "problem", "redirects_to", "checked_at"]
    ExternalLink.objects.bulk_update(links, fields)
    return links


def last_checked_at() -> datetime | None:
    return ExternalLink.objects.aggregate(last=Max("checked_at"))["last"]
