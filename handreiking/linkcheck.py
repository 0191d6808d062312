"""Broken links: every external address in the published chapters and in HR's onboarding
material, asked once each, a few at a time and never longer than the time-out, and the outcome
stored in ExternalLink for the editors (`manage.py check_links`).

Only addresses on the internet are asked. Editors put the links in, so the check must not be a
way to probe the portal's own network: an address that is internal (loopback, private,
link-local, carrier-grade NAT, multicast, reserved, unspecified, in whatever spelling) is never
connected to, whether it stands in the link itself, is what the link's name resolves to, or is
where a redirect points. The name is resolved once per connection and the connection goes to
the address that was vetted, so a DNS answer that changes in between cannot slip through. The
operator may name internal hosts or networks that may be checked anyway
(LINK_CHECK_ALLOWED_HOSTS)."""

import asyncio
import errno
import ipaddress
import re
import socket
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore
import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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
NOT_CHECKED = "Niet gecontroleerd:"
INTERNAL = f"{NOT_CHECKED} dit adres is intern (alleen adressen op internet worden gecontroleerd)"
REDIRECT_INTERNAL = (
    f"{NOT_CHECKED} stuurt door naar een intern adres (alleen adressen op internet worden "
    "gecontroleerd)"
)
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
    # Not asked at all: the address is internal.
    not_checked: bool = False
    # Failed the way every link fails without a network (no DNS, no route, no connection).
    no_network: bool = False


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


# Only the outside world.

# Special-purpose networks that are not on the internet (IANA's registries), spelled out rather
# than left to ipaddress's is_global, whose answers differ between Python releases.
_NOT_PUBLIC = tuple(
    ipaddress.ip_network(network)
    for network in (
        "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches the host itself
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, cloud metadata
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, broadcast
        "::/8",  # unspecified, loopback, IPv4-compatible (IPv4-mapped: by their IPv4 part)
        "64:ff9b:1::/48",
        "100::/64",
        "2001::/23",
        "2001:db8::/32",
        "3fff::/20",
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local
        "ff00::/8",  # multicast
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_PART = re.compile(r"0[xX][0-9a-fA-F]*|[0-9]+")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv6 one that reaches it: IPv4-mapped, NAT64, 6to4."""
    if address.version == 4:
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def is_public(address: Address) -> bool:
    """Whether the address is on the internet (an IPv6 address wrapping an IPv4 one is judged
    by the IPv4 address it reaches)."""
    inner = _embedded_ipv4(address)
    if inner is not None:
        return is_public(inner)
    return (
        address.is_global
        and not address.is_multicast
        and not any(address in network for network in _NOT_PUBLIC)
    )


def numeric_host(host: str) -> Address | None:
    """The address a numeric host stands for, in every spelling a resolver accepts: 127.0.0.1,
    ::1, and the old forms 2130706433, 0177.0.0.1, 0x7f000001 and 127.1 (inet_aton's parts in
    decimal, octal or hexadecimal, the last one filling the remaining bytes). None for a name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    parts = host.removesuffix(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(_IPV4_PART.fullmatch(part) for part in parts):
        return None
    values = []
    for part in parts:
        if part[:2].lower() == "0x":
            values.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            if not set(part) <= set("01234567"):
                return None
            values.append(int(part, 8))
        else:
            values.append(int(part))
    *leading, last = values
    if any(value > 255 for value in leading) or last >= 256 ** (4 - len(leading)):
        return None
    number = last
    for position, value in enumerate(leading):
        number += value << (8 * (3 - position))
    return ipaddress.IPv4Address(number)


class InternalAddress(Exception):
    """The link leads to an address inside the network: not asked, no connection made."""


@dataclass(frozen=True)
class Reach:
    """Internal hosts and networks the operator lets the check ask anyway."""

    names: frozenset[str] = frozenset()
    suffixes: tuple[str, ...] = ()  # ".intranet.example": every host below it
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def from_entries(cls, entries: Iterable[str]) -> "Reach":
        names, suffixes, networks = set(), [], []
        for raw in entries:
            entry = raw.strip().lower().rstrip(".")
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
                continue
            except ValueError:
                # Digits and dots only, a slash or a colon: meant as an address, and wrong.
                if entry.replace(".", "").isdigit() or "/" in entry or ":" in entry:
                    raise ImproperlyConfigured(
                        f"LINK_CHECK_ALLOWED_HOSTS: {raw!r} is neither a host name nor an IP "
                        "address or network (such as 10.1.0.0/16)."
                    ) from None
            if entry.startswith("."):
                suffixes.append(entry)
            else:
                names.add(entry)
        return cls(frozenset(names), tuple(suffixes), tuple(networks))

    def permits(self, host: str, address: Address) -> bool:
        if is_public(address):
            return True
        name = host.lower().rstrip(".")
        if name in self.names or name.endswith(self.suffixes):
            return True
        inner = _embedded_ipv4(address)
        return any(
            address in network or (inner is not None and inner in network)
            for network in self.networks
        )


def allowed_reach() -> Reach:
    return Reach.from_entries(settings.LINK_CHECK_ALLOWED_HOSTS)


class _OutsideOnly(httpcore.AsyncNetworkBackend):
    """Where httpcore opens its connections: the host is resolved here, once, every address
    it has is vetted, and the connection goes to a vetted address (never to the name, which
    could resolve elsewhere the second time). TLS still checks the certificate against the
    name: httpcore passes the origin's host name as server_hostname (SNI)."""

    def __init__(self, reach: Reach) -> None:
        self._reach = reach
        self._backend = httpcore.AnyIOBackend()

    async def _vetted(self, host: str, port: int) -> list[Address]:
        literal = numeric_host(host)
        if literal is not None:
            found = [literal]
        else:
            loop = asyncio.get_running_loop()
            try:
                answers = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except socket.gaierror as error:
                raise httpcore.ConnectError(str(error)) from error
            found = []
            for family, _type, _proto, _name, sockaddr in answers:
                if family in {socket.AF_INET, socket.AF_INET6}:
                    address = ipaddress.ip_address(sockaddr[0])
                    if address not in found:
                        found.append(address)
            if not found:
                raise httpcore.ConnectError(f"{host}: no address")
        # One internal answer among public ones is refused too: the name points inside.
        if not all(self._reach.permits(host, address) for address in found):
            raise InternalAddress(host)
        return found

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        error: Exception | None = None
        for address in await self._vetted(host, port):
            try:
                return await self._backend.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failed:
                error = failed
        raise error  # type: ignore[misc]  # at least one address was tried

    async def connect_unix_socket(self, *args, **kwargs) -> httpcore.AsyncNetworkStream:
        raise InternalAddress("unix socket")

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


class OutsideOnlyTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport with a connection pool that connects through _OutsideOnly.
    httpx has no option to hand its pool a network backend, so the pool (its one attribute)
    is made here, as httpx makes it, with ours. No proxy: a proxy would resolve and connect
    itself, past the vetting."""

    def __init__(self, *, reach: Reach, limits: httpx.Limits) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            # Certificates as httpx verifies them, including SSL_CERT_FILE and SSL_CERT_DIR.
            ssl_context=httpx.create_ssl_context(trust_env=True),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_OutsideOnly(reach),
        )


def _refused_host(url: str, reach: Reach) -> bool:
    """An internal address written in the link itself, in any spelling, refused before
    anything is sent (names are vetted when they are resolved, in _OutsideOnly)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False  # httpx refuses it as an invalid address
    address = numeric_host(host)
    return address is not None and not reach.permits(host, address)


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
            if _refused_host(current, reach):
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


# The whole run.


def no_network(outcomes: list[Outcome]) -> bool:
    """Every link that was asked failed for want of a network: the fault is here, not theirs."""
    asked = [outcome for outcome in outcomes if not outcome.not_checked]
    return bool(asked) and all(outcome.no_network for outcome in asked)


def check_links(*, concurrency: int, timeout: float, progress: Progress | None = None) -> Summary:
    """Find, check (no database connection is used meanwhile) and store: a link no longer
    anywhere leaves the table. Without a network nothing is stored."""
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
    not_checked = [row for row in rows if is_not_checked(row)]
    return Summary(
        checked=len(rows) - len(not_checked),
        broken=[row for row in rows if row.is_broken],
        moved=[row for row in rows if row.redirects_to and not row.is_broken],
        not_checked=not_checked,
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
