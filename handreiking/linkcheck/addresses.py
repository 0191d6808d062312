"""Only addresses on the internet are asked. Editors put the links in, so the check must not be a
way to probe the portal's own network: an address that is internal (loopback, private,
link-local, carrier-grade NAT, multicast, reserved, unspecified, in whatever spelling) is never
connected to, whether it stands in the link itself, is what the link's name resolves to
(`transport`), or is where a redirect points. The operator may name internal hosts or networks
that may be checked anyway (LINK_CHECK_ALLOWED_HOSTS)."""

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

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


def refused_host(url: str, reach: Reach) -> bool:
    """An internal address written in the link itself, in any spelling, refused before
    anything is sent (names are vetted when they are resolved, in `transport`)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False  # httpx refuses it as an invalid address
    address = numeric_host(host)
    return address is not None and not reach.permits(host, address)
