"""„Wie linkt hierheen?”: what points into a chapter, and which anchors an edit would retire.

The change page renders the report once from the form's text; static/js/links.js posts the text
to `LinksAdminMixin.link_report_view` while the editor types and swaps in the fragment that view
renders from the same template, so the page and the update never disagree.

Links from other chapters are read from their stored, published HTML (rendered on write): one
query whatever the number of chapters, filtered in the database to the chapters that mention this
chapter's addresses, and nothing is ever written on the way.
"""

import html
import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from handreiking import anchors
from handreiking.admin.lookup import ChapterLookupMixin
from handreiking.links import absolute_url, base_url
from handreiking.markdown import RESERVED_IDS, chapter_path, plain_text, render_chapter
from handreiking.models import AnchorAlias, Chapter, ChapterSlug, OnboardingMaterial

# The same bound as the Markdown preview and the readability panel: far more than any chapter,
# far less than the request limit, so the report stays quick.
MAX_BODY_CHARS = 200_000
MAX_TITLE_CHARS = Chapter._meta.get_field("title").max_length
REPORT_TEMPLATE = "admin/handreiking/chapter/includes/link_report.html"
TOO_LONG = (
    "De tekst is te lang om tijdens het typen bij te werken (meer dan 200.000 tekens). "
    "Na opslaan ziet u weer wie hierheen linkt."
)
LOGGED_OUT = "U bent uitgelogd. Log opnieuw in."

# Where a link from another chapter lands, given the text being typed.
WHOLE = "whole"  # no anchor: the chapter itself
FOUND = "found"  # a heading in the typed text
OLD = "old"  # an anchor retired earlier, still leading where it led
MOVES = "moves"  # lands somewhere else once this text is published
MISSING = "missing"  # an anchor the chapter never had (or lost before anchors were kept)

# How the link reaches the chapter.
VIA_ADDRESS, VIA_FORMER, VIA_PERMALINK = "address", "former", "permalink"

# Stored HTML is the sanitiser's output: attributes always in double quotes.
_LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S | re.I)


@dataclass(frozen=True)
class IncomingLink:
    """A link in another published chapter to this one."""

    chapter_title: str  # the linking chapter, "3. Titel"
    admin_url: str  # its change page
    text: str
    href: str
    via: str  # VIA_ADDRESS, VIA_FORMER or VIA_PERMALINK
    anchor: str  # "" for the chapter as a whole
    status: str  # WHOLE, FOUND, OLD, MOVES or MISSING
    lands_on: str = ""  # the anchor it lands on ("" for the top of the chapter)
    lands_on_title: str = ""
    was_title: str = ""  # MOVES: the heading it used to land on
    kind: str = ""  # MOVES: anchors.RENAMED or anchors.REMOVED

    @property
    def needs_attention(self) -> bool:
        return self.status in {MOVES, MISSING}


@dataclass
class LinkReport:
    permalink: str
    materials: list[OnboardingMaterial]
    sections: list[dict]  # current anchors with their permanent links
    aliases: list[AnchorAlias]
    retiring: list[anchors.Retired] = field(default_factory=list)
    incoming: list[IncomingLink] = field(default_factory=list)

    @property
    def moving(self) -> list[IncomingLink]:
        return [link for link in self.incoming if link.status == MOVES]

    @property
    def missing(self) -> list[IncomingLink]:
        return [link for link in self.incoming if link.status == MISSING]

    @property
    def needs_attention(self) -> bool:
        return bool(self.retiring) or any(link.needs_attention for link in self.incoming)

    @property
    def summary(self) -> str:
        """One line for screen readers after an update: counts only, so a change is announced
        when a link or anchor changes, not after every pause in typing."""
        count, moving, missing = len(self.incoming), len(self.moving), len(self.missing)
        if not count:
            parts = ["Wie linkt hierheen: geen links uit andere hoofdstukken."]
        elif count == 1:
            parts = ["Wie linkt hierheen: 1 link uit een ander hoofdstuk."]
        else:
            parts = [f"Wie linkt hierheen: {count} links uit andere hoofdstukken."]
        if moving == 1:
            parts.append("Let op: 1 link landt straks op een andere plek.")
        elif moving:
            parts.append(f"Let op: {moving} links landen straks op een andere plek.")
        if missing == 1:
            parts.append("1 link wijst naar een anker dat niet bestaat.")
        elif missing:
            parts.append(f"{missing} links wijzen naar een anker dat niet bestaat.")
        retiring = len(self.retiring)
        if retiring == 1:
            parts.append("1 anker verandert.")
        elif retiring:
            parts.append(f"{retiring} ankers veranderen.")
        return " ".join(parts)


def link_report(request: HttpRequest, chapter: Chapter, body: str, title: str) -> LinkReport:
    """For the editor, before publishing: HR's material, the permanent link and every anchor in
    use, which anchors this text would retire (each keeps working, and where it would lead), and
    the links from other chapters with where each lands once this text is published."""
    permalink = absolute_url(request, chapter.get_short_url())
    published_toc = chapter.toc if chapter.is_published else []
    draft_toc = render_chapter(body, title=title).toc
    retiring = anchors.retire(published_toc, draft_toc)
    aliases = list(AnchorAlias.objects.filter(chapter=chapter))
    return LinkReport(
        permalink=permalink,
        materials=list(OnboardingMaterial.objects.filter(chapter=chapter)),
        sections=[{**entry, "permalink": f"{permalink}#{entry['id']}"} for entry in published_toc],
        aliases=aliases,
        retiring=retiring,
        incoming=incoming_links(
            request,
            chapter,
            published_toc=published_toc,
            draft_toc=draft_toc,
            retiring=retiring,
            aliases=aliases,
        ),
    )


def incoming_links(
    request: HttpRequest,
    chapter: Chapter,
    *,
    published_toc: list[dict],
    draft_toc: list[dict],
    retiring: list[anchors.Retired],
    aliases: list[AnchorAlias],
) -> list[IncomingLink]:
    """Every link in the other published chapters to this chapter's address, a former address
    or its permanent link (relative, or absolute on the portal's own address), in chapter order.
    Two queries, however many chapters there are: the former addresses, then the chapters."""
    former = set(ChapterSlug.objects.filter(chapter=chapter).values_list("slug", flat=True))
    slugs = {chapter.slug: VIA_ADDRESS, **dict.fromkeys(former - {chapter.slug}, VIA_FORMER)}
    permalink_path = chapter.get_short_url()
    # A cheap first sieve in the database ("/h/1" also matches "/h/12"); the parse decides.
    mentions = [
        reverse("handreiking:chapter-detail", kwargs={"slug": slug}).rstrip("/") for slug in slugs
    ] + [permalink_path.rstrip("/")]
    linking = (
        Chapter.objects.published()
        .exclude(pk=chapter.pk)
        .filter(reduce(or_, (Q(body_html__contains=mention) for mention in mentions)))
        .in_order()
        .only("pk", "number", "title", "body_html")
    )
    bases = _portal_bases(request)
    landing = _Landing(published_toc, draft_toc, retiring, aliases)
    found = []
    for other in linking:
        admin_url = reverse("admin:handreiking_chapter_change", args=[other.pk])
        for href, label in _LINK.findall(other.body_html):
            target = _portal_target(href, bases)
            if target is None:
                continue
            local_path, anchor = target
            via = _via(local_path, slugs, permalink_path)
            if via is None:
                continue
            found.append(
                IncomingLink(
                    chapter_title=f"{other.number}. {other.title}",
                    admin_url=admin_url,
                    text=plain_text(label),
                    href=html.unescape(href),
                    via=via,
                    anchor=anchor,
                    **landing.of(anchor),
                )
            )
    return found


def _portal_bases(request: HttpRequest) -> list[tuple[str, str]]:
    """The portal's own addresses as (host, path prefix): absolute links to these are links
    inside the portal. http and https both count: the one redirects to the other."""
    bases = {base_url(request), (settings.PORTAL_BASE_URL or "").rstrip("/")} - {""}
    parts = [urlsplit(base) for base in bases]
    return [(part.netloc.lower(), part.path.rstrip("/")) for part in parts]


def _portal_target(href: str, bases: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The path and anchor inside the portal a link points to, or None for a link elsewhere."""
    parts = urlsplit(html.unescape(href).strip())
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() not in {"", "http", "https"}:
            return None
        netloc = parts.netloc.lower()
        prefix = next(
            (
                prefix
                for host, prefix in bases
                if host == netloc and parts.path.startswith(f"{prefix}/")
            ),
            None,
        )
        if prefix is None:
            return None
        local_path = parts.path[len(prefix) :]
    elif parts.path.startswith("/"):
        local_path = parts.path
    else:
        return None
    return local_path, unquote(parts.fragment)


def _via(local_path: str, slugs: dict[str, str], permalink_path: str) -> str | None:
    if local_path.rstrip("/") == permalink_path.rstrip("/"):
        return VIA_PERMALINK
    match = chapter_path().match(local_path)
    return slugs.get(match.group(1)) if match else None


class _Landing:
    """Where an anchor lands once the typed text is published: the same retirement as
    `anchors.retire` (the "retiring" list) and `anchors.follow` for older aliases."""

    def __init__(self, published_toc, draft_toc, retiring, aliases) -> None:
        self.draft_titles = {entry["id"]: entry["title"] for entry in draft_toc}
        self.published_titles = {entry["id"]: entry["title"] for entry in published_toc}
        self.retiring = {item.anchor: item for item in retiring}
        self.aliases = {alias.anchor: alias for alias in aliases}
        self.followed = anchors.follow(
            {alias.anchor: alias.target for alias in aliases if alias.target}, retiring
        )

    def of(self, anchor: str) -> dict:
        if not anchor:
            return {"status": WHOLE}
        if anchor in self.draft_titles:
            return {
                "status": FOUND,
                "lands_on": anchor,
                "lands_on_title": self.draft_titles[anchor],
            }
        if anchor in self.retiring:
            retired = self.retiring[anchor]
            return self._moves(retired.target, retired.title, retired.kind)
        if anchor in self.followed:
            # An older alias whose heading this text retires in turn: it follows that heading.
            earlier = self.aliases[anchor].target
            moved = self.retiring[earlier]
            was = self.published_titles.get(earlier, moved.title)
            return self._moves(moved.target, was, moved.kind)
        if anchor in self.aliases:
            target = self.aliases[anchor].target
            return {
                "status": OLD,
                "lands_on": target,
                "lands_on_title": self.draft_titles.get(target, ""),
            }
        if anchor in RESERVED_IDS:
            # A part of the page layout (contents, changes): always there.
            return {"status": FOUND, "lands_on": anchor}
        return {"status": MISSING}

    def _moves(self, target: str, was_title: str, kind: str) -> dict:
        return {
            "status": MOVES,
            "lands_on": target,
            "lands_on_title": self.draft_titles.get(target, ""),
            "was_title": was_title,
            "kind": kind,
        }


def logged_in_or_401(view):
    """A background request after the session ran out gets an answer, not a login page to put
    into the report: static/js/links.js then keeps the last report and says it may be outdated."""

    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (request.user.is_active and request.user.is_staff):
            response = JsonResponse({"detail": LOGGED_OUT}, status=401)
            response["Cache-Control"] = "no-store"
            return response
        return view(request, *args, **kwargs)

    return checked


class LinksAdminMixin(ChapterLookupMixin):
    """Mixed into ChapterAdmin (before SimpleHistoryAdmin): the live "Wie linkt hierheen?"."""

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.link_report_view))
        return [
            path(
                "<path:object_id>/wie-linkt-hierheen/",
                logged_in_or_401(view),
                name="handreiking_chapter_link_report",
            ),
            *super().get_urls(),
        ]

    def link_report_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The report for the posted `body` and `title`, for those who may change the chapter:
        the HTML fragment the change page's report swaps in."""
        chapter = self.chapter_or_404(request, object_id, change=True)
        body = request.POST.get("body", "")
        if len(body) > MAX_BODY_CHARS:
            response = HttpResponse(TOO_LONG, status=413, content_type="text/plain; charset=utf-8")
        else:
            title = request.POST.get("title", "")[:MAX_TITLE_CHARS] or chapter.title
            report = link_report(request, chapter, body, title)
            response = HttpResponse(
                render_to_string(
                    REPORT_TEMPLATE, {"report": report, "link_fragment": True}, request
                )
            )
        # The text being typed is private to its editor: never kept by a browser or proxy.
        response["Cache-Control"] = "no-store"
        return response
