"""One address asked: HEAD (GET when the server will not answer HEAD), every redirect vetted and
followed, the whole within the time-out, and what the answer means for the editor."""

import asyncio
import errno
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from django.conf import settings

from handreiking.linkcheck.addresses import InternalAddress, Reach, allowed_reach, refused_host
from handreiking.linkcheck.transport import OutsideOnlyTransport

MAX_REDIRECTS = 5
PERMANENT = {301, 308}
# A server that refuses HEAD often answers it with an error of its own instead of 405/501: an
# error to HEAD is asked again with GET before we call the link broken.
HEAD_REFUSED = 400
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
NOT_CHECKED = "Niet gecontroleerd:"
INTERNAL = f"{NOT_CHECKED} dit adres is intern (alleen adressen op internet worden gecontroleerd)"
REDIRECT_INTERNAL = (
    f"{NOT_CHECKED} stuurt door naar een intern adres (alleen adressen op internet worden "
    "gecontroleerd)"
)


@dataclass(frozen=True)
class Outcome:
    url: str
    is_broken: bool
    status_code: int | None = None
    problem: str = ""
    redirects_to: str = ""
    # Not asked at all: the address is internal.
    not_checked: bool = False
    # Failed the way every link fails without a network (no DNS, no route, no connection).
    no_network: bool = False


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


_NO_ROUTE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}


def without_network(*, error: Exception) -> bool:
    """Whether the failure is one every link has without a network: the name could not be
    resolved, there is no route, or nothing answered the connection at all. (A refused
    connection or a certificate problem means a server was reached.)"""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, socket.gaierror | httpx.ConnectTimeout | httpcore.ConnectTimeout):
            return True
        if isinstance(seen, OSError) and seen.errno in _NO_ROUTE:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


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


async def _follow(client: httpx.AsyncClient, url: str, reach: Reach) -> Outcome:
    current, moved_to, still_permanent = url, "", True
    for hop in range(MAX_REDIRECTS + 1):
        # Every hop is vetted: the link, and each address a redirect points to.
        try:
            if refused_host(current, reach):
                raise InternalAddress(current)
            response = await _ask(client, current)
        except InternalAddress:
            problem = REDIRECT_INTERNAL if hop else INTERNAL
            return Outcome(url, False, problem=problem, not_checked=True)
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


async def _outcome(client: httpx.AsyncClient, url: str, *, timeout: float, reach: Reach) -> Outcome:
    try:
        # The whole link (redirects, HEAD and GET) within the time-out, however slowly a
        # server trickles its answer.
        return await asyncio.wait_for(_follow(client, url, reach), timeout)
    except (TimeoutError, httpx.TimeoutException) as error:
        problem = f"Geen antwoord binnen {seconds(timeout)}"
        return Outcome(url, True, problem=problem, no_network=without_network(error=error))
    except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as error:
        problem = connection_problem(error=error)
        return Outcome(url, True, problem=problem, no_network=without_network(error=error))


Progress = Callable[[int, int], None]


async def check_urls(
    *, urls: list[str], concurrency: int, timeout: float, progress: Progress | None = None
) -> list[Outcome]:
    """Each address's outcome, in order; progress(done, total) after each one."""
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency)
    reach = allowed_reach()
    done = 0

    async def check(url: str) -> Outcome:
        nonlocal done
        async with gate:
            outcome = await _outcome(client, url, timeout=timeout, reach=reach)
        done += 1
        if progress:
            progress(done, len(urls))
        return outcome

    async with httpx.AsyncClient(
        follow_redirects=False,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": user_agent(), "Accept": "text/html,*/*;q=0.8"},
        transport=OutsideOnlyTransport(reach=reach, limits=limits),
        # No proxies, no .netrc credentials from the environment.
        trust_env=False,
    ) as client:
        return await asyncio.gather(*(check(url) for url in urls))
