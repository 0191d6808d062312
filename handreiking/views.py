"""Public pages of the portal. Thin: the chapters' HTML was rendered when it was saved."""

import datetime
import threading
from functools import lru_cache
from io import BytesIO

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from handreiking import markdown, search, versions
from handreiking.links import absolute_url, base_url
from handreiking.models import ChangeNote, Chapter, ChapterSlug, Image, OnboardingMaterial

CHANGES_PER_PAGE = 50
# What the chapter page shows of its chapter: not the Markdown, sections or editors' fields.
PAGE_FIELDS = (
    "pk",
    "number",
    "title",
    "slug",
    "summary",
    "last_major_change_at",
    "body_html",
    "toc",
)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    chapters = Chapter.objects.for_navigation()
    return render(request, "handreiking/chapter_list.html", {"chapters": chapters})


class _Navigation:
    """The chapter list for previous/next, kept in this process per content version: the
    version is read from the database on every request (the page cache middleware puts it on
    the request), so a kept list is never one a publish has changed. Only the latest version
    is kept."""

    def __init__(self):
        self.version: str | None = None
        self.chapters: list[Chapter] = []
        self.lock = threading.Lock()

    def get(self, version: str | None) -> list[Chapter]:
        if not version:
            return list(Chapter.objects.for_navigation())
        with self.lock:
            if version == self.version:
                return self.chapters
        chapters = list(Chapter.objects.for_navigation())
        with self.lock:
            self.version, self.chapters = version, chapters
        return chapters


_navigation = _Navigation()


def chapter_context(
    chapter: Chapter, *, body_html: str, toc: list, version: str | None = None
) -> dict:
    """What the chapter template needs; shared with the editor's draft preview. `version`: the
    content version this request is served from, when known (see `_Navigation`)."""
    chapters = _navigation.get(version)
    index = next((i for i, c in enumerate(chapters) if c.pk == chapter.pk), None)
    previous_chapter = chapters[index - 1] if index else None
    next_chapter = chapters[index + 1] if index is not None and index + 1 < len(chapters) else None
    return {
        "chapter": chapter,
        "body_html": body_html,
        "toc": toc,
        "chapters": chapters,
        "previous_chapter": previous_chapter,
        "next_chapter": next_chapter,
    }


@require_safe
def chapter_detail(request: HttpRequest, slug: str) -> HttpResponse:
    chapter = Chapter.objects.published().only(*PAGE_FIELDS).filter(slug=slug).first()
    if chapter is None:
        current_slug = ChapterSlug.objects.current_slug(slug)
        if current_slug is None:
            raise Http404("Hoofdstuk niet gevonden")
        return redirect("handreiking:chapter-detail", slug=current_slug, permanent=True)
    version = getattr(request, "content_version", None)
    context = chapter_context(
        chapter, body_html=chapter.body_html, toc=chapter.toc, version=version
    )
    context["change_notes"] = list(chapter.change_notes.all())
    return render(request, "handreiking/chapter_detail.html", context)


@require_safe
def chapter_version(request: HttpRequest, slug: str, day: str) -> HttpResponse:
    """The chapter as readers saw it at the end of `day` (YYYY-MM-DD): citable, never changing."""
    chapter = Chapter.objects.published().filter(slug=slug).first()
    if chapter is None:
        current_slug = ChapterSlug.objects.current_slug(slug)
        if current_slug is None:
            raise Http404("Hoofdstuk niet gevonden")
        return redirect("handreiking:chapter-version", slug=current_slug, day=day, permanent=True)
    try:
        the_day = datetime.date.fromisoformat(day)
    except ValueError as error:
        raise Http404("Geen geldige datum") from error
    version = versions.version_on(chapter, the_day)
    if version is None:
        raise Http404("Van deze dag is er geen versie")
    shown = Chapter(pk=chapter.pk, number=chapter.number, title=version.title, slug=chapter.slug)
    context = chapter_context(shown, body_html=version.body_html, toc=version.toc)
    context.update(version=version, day=the_day, current=chapter)
    response = render(request, "handreiking/chapter_detail.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def chapter_short(request: HttpRequest, pk: int) -> HttpResponse:
    # 302, not 301: the short link is the permanent one; where it points may change.
    slug = get_object_or_404(Chapter.objects.published().only("slug"), pk=pk).slug
    return redirect("handreiking:chapter-detail", slug=slug)


@require_safe
def image(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    found = Image.objects.filter(pk=pk).values_list("content_type", "data").first()
    if found is None or Image.EXTENSIONS.get(found[0]) != extension:
        raise Http404("Afbeelding niet gevonden")
    # Readers get only images published text uses; editors see the whole library.
    address = reverse("handreiking:image", kwargs={"pk": pk, "extension": extension})
    published = Chapter.objects.published().filter(body_html__contains=f'"{address}"').exists()
    if not published and not request.user.is_staff:
        raise Http404("Afbeelding niet gevonden")
    response = HttpResponse(bytes(found[1]), content_type=found[0])
    # An image never changes: a new picture is a new upload with a new address.
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if published else "private, no-store"
    )
    response["Content-Disposition"] = "inline"
    return response


@require_safe
def change_list(request: HttpRequest) -> HttpResponse:
    notes = ChangeNote.objects.public()[:CHANGES_PER_PAGE]
    return render(request, "handreiking/changenote_list.html", {"notes": notes})


class TextSummaryAtomFeed(Atom1Feed):
    """Change notes are plain text that editors typed: feed readers must not render markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ChangesFeed(Feed):
    """Atom (RFC 4287): ids are tag: URIs that never change, an author, notes as plain text.
    The feed object is the portal's base address, so no state is kept on this shared view."""

    feed_type = TextSummaryAtomFeed
    title = "Wijzigingen in de Handreiking Online Communicatie"
    subtitle = "Belangrijke wijzigingen in de hoofdstukken, de nieuwste eerst."
    author_name = "Redactie Handreiking Online Communicatie"

    def get_object(self, request, *args, **kwargs) -> str:
        return base_url(request)

    def link(self, base: str) -> str:
        return base + reverse("handreiking:change-list")

    def feed_url(self, base: str) -> str:
        return base + reverse("handreiking:change-feed")

    def feed_guid(self, base: str) -> str:
        return f"tag:{_host(base)},2026:handreiking/wijzigingen"

    def items(self, base: str):
        notes = list(ChangeNote.objects.public()[:CHANGES_PER_PAGE])
        for note in notes:
            note.base = base
        return notes

    def item_title(self, item: ChangeNote) -> str:
        return f"{item.chapter.title}: {item.note}"

    def item_description(self, item: ChangeNote) -> str:
        return item.note

    def item_link(self, item: ChangeNote) -> str:
        return item.base + item.chapter.get_short_url()

    def item_guid(self, item: ChangeNote) -> str:
        return f"tag:{_host(item.base)},2026:handreiking/wijziging/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: ChangeNote):
        return item.changed_at

    def item_updateddate(self, item: ChangeNote):
        return item.changed_at


def _host(base: str) -> str:
    """The authority of a tag: URI (RFC 4151): the host name, without scheme or port."""
    return base.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


@require_safe
def search_results(request: HttpRequest) -> HttpResponse:
    outcome = search.search(request.GET.get("q", ""), record=True)
    # Without results, offer the chapters themselves (the first few; the home page has all).
    chapters = Chapter.objects.for_navigation()[:12] if outcome.query and not outcome.count else []
    return render(
        request,
        "handreiking/search_results.html",
        {"outcome": outcome, "chapters": chapters, "max_length": search.MAX_QUERY_LENGTH},
    )


@lru_cache(maxsize=4)
def _statement(name: str) -> markdown.Rendered:
    """A statement kept in docs/ (Markdown, in the repository), rendered once per process."""
    source = settings.BASE_DIR / "docs" / f"{name}.md"
    return markdown.render_chapter(source.read_text(encoding="utf-8"))


def _statement_page(request: HttpRequest, name: str, title: str) -> HttpResponse:
    statement = _statement(name)
    return render(
        request,
        "handreiking/statement_detail.html",
        {"body_html": statement.html, "toc": statement.toc, "title": title},
    )


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return _statement_page(request, "toegankelijkheid", "Toegankelijkheidsverklaring")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return _statement_page(request, "privacyverklaring", "Privacyverklaring")


@require_safe
def hr_overview(request: HttpRequest) -> HttpResponse:
    """Every chapter and section with its permanent link and a QR code, and HR's material."""
    chapters = list(
        Chapter.objects.published().in_order().only("pk", "number", "title", "slug", "toc")
    )
    materials: dict[int, list[OnboardingMaterial]] = {}
    for material in OnboardingMaterial.objects.filter(chapter__is_published=True):
        materials.setdefault(material.chapter_id, []).append(material)
    entries = [
        {
            "chapter": chapter,
            "permalink": absolute_url(request, chapter.get_short_url()),
            "sections": [
                {**entry,
                 "permalink": absolute_url(request, chapter.get_short_url()) + f"#{entry['id']}"}
                for entry in chapter.toc
            ],
            "materials": materials.get(chapter.pk, []),
        }
        for chapter in chapters
    ]  # fmt: skip
    return render(request, "handreiking/chapter_permalinks.html", {"entries": entries})


@lru_cache(maxsize=512)
def _qr_svg(data: str) -> bytes:
    import qrcode
    import qrcode.image.svg

    buffer = BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2).save(buffer)
    svg = buffer.getvalue().decode()
    # A white square behind the code, so it also scans from a page in dark mode.
    body = svg.index(">", svg.index("<svg")) + 1
    return (svg[:body] + '<rect width="100%" height="100%" fill="#fff"/>' + svg[body:]).encode()


@require_safe
def qr_code(request: HttpRequest, pk: int) -> HttpResponse:
    chapter = get_object_or_404(Chapter.objects.published().only("pk", "toc"), pk=pk)
    anchor = request.GET.get("onderdeel", "")
    # Printed codes of renamed or removed sections stay reproducible: their anchors still work.
    known = {entry["id"] for entry in chapter.toc}
    if anchor and anchor not in known and not chapter.anchor_aliases.filter(anchor=anchor):
        raise Http404("Onderdeel niet gevonden")
    url = absolute_url(request, chapter.get_short_url()) + (f"#{anchor}" if anchor else "")
    response = HttpResponse(_qr_svg(url), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
