"""What the link check asks: every external address in the published chapters and in HR's
onboarding material, with the places it stands."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http.request import validate_host

from handreiking.models import Chapter, ExternalLink, OnboardingMaterial

MAX_URL_LENGTH = ExternalLink._meta.get_field("url").max_length
# An address in plain text (HR's description); trailing punctuation belongs to the sentence.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'“”„]+", re.I)
_TRAILING = ".,;:!?)]}’"


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
