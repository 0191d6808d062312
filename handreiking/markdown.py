"""Markdown to safe HTML: the one renderer and sanitiser for stored chapters and the editor preview.

Everything an editor writes passes through `sanitize()` (nh3, an allow-list) before it is stored
or shown; templates may mark safe only what this module produced.
"""

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

import markdown as python_markdown
import nh3
from django.urls import reverse
from django.utils.text import slugify
from markdown.extensions import Extension

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre", "s", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
MARKDOWN_EXTENSIONS = ["sane_lists", "tables", "fenced_code"]

# Ids the page layout itself uses; a heading must never take one of them.
RESERVED_IDS = {"inhoud", "inhoudsopgave", "wijzigingen", "zoeken", "top"}
LONG_SENTENCE_WORDS = 25

_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|dd|dt|td|th|blockquote|pre)>|<br\s*/?>", re.I)
_SPACE = re.compile(r"\s+")


def sanitize(html_text: str) -> str:
    """The allow-list: no script, style, event handlers, iframes, forms or unsafe URLs."""
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class RawHtmlAsText(Extension):
    """Raw HTML in the Markdown is shown as text, never parsed: an unclosed <style>, <div> or
    <details> can then not swallow the rest of a chapter, its contents list and its anchors.
    Markdown itself (and the content checks' warning) covers what editors need."""

    def extendMarkdown(self, md) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def _to_html(text: str) -> str:
    return python_markdown.markdown(
        text.replace("\x00", ""),
        extensions=[*MARKDOWN_EXTENSIONS, RawHtmlAsText()],
        output_format="html",
    )


def plain_text(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", _BLOCK_END.sub(" ", fragment)))).strip()


@dataclass
class Rendered:
    html: str
    toc: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)


# An explicit, permanent anchor an editor gives a heading: "## Kop {#vaste-naam}".
_EXPLICIT_ID = re.compile(r"\s*\{#([a-z0-9][a-z0-9-]{0,79})\}\s*$")


def _heading_id(title: str, taken: set[str], explicit: str = "") -> str:
    base = explicit or slugify(title)[:80].strip("-") or "onderdeel"
    candidate = base if base not in RESERVED_IDS else f"{base}-1"
    counter = 2
    while candidate in taken:
        candidate = f"{base}-{counter}"
        counter += 1
    taken.add(candidate)
    return candidate


def render_chapter(text: str, *, title: str = "") -> Rendered:
    """Render and sanitise a chapter body; give h2/h3 stable ids and a link to each section."""
    safe = sanitize(_to_html(text or ""))
    taken: set[str] = set()
    toc: list[dict] = []
    parts: list[str] = []
    boundaries: list[tuple[int, dict]] = []
    position = 0
    for match in _HEADING.finditer(safe):
        level = max(2, int(match.group(1)))  # the page title is the only h1
        inner = match.group(2)
        parts.append(safe[position : match.start()])
        position = match.end()
        if level > 3:
            parts.append(f"<h{level}>{inner}</h{level}>")
            continue
        explicit = _EXPLICIT_ID.search(inner)
        if explicit:
            inner = inner[: explicit.start()]
        heading_text = plain_text(inner)
        anchor = _heading_id(heading_text, taken, explicit.group(1) if explicit else "")
        entry = {"level": level, "id": anchor, "title": heading_text}
        toc.append(entry)
        boundaries.append((sum(len(p) for p in parts), entry))
        parts.append(
            f'<h{level} id="{anchor}">{inner}</h{level}>'
            f'<a class="section-link" href="#{anchor}">Link naar dit onderdeel'
            f'<span class="visually-hidden">: {html.escape(heading_text)}</span></a>'
        )
    parts.append(safe[position:])
    body_html = "".join(parts)

    sections = []
    starts = [(0, {"id": "", "level": 1, "title": title})] + boundaries
    for index, (start, entry) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(body_html)
        chunk = body_html[start:end]
        if start:  # drop the heading and its section link from the section's own text
            chunk = chunk.split("</span></a>", 1)[-1]
        sections.append({**entry, "text": plain_text(chunk)})
    sections = [s for s in sections if s["text"] or s["id"]]
    return Rendered(html=body_html, toc=toc, sections=sections)


def add_anchor_aliases(body_html: str, aliases: list) -> str:
    """Retired anchors (see `handreiking.anchors`) into rendered HTML: a renamed heading's old
    id right before the new heading; a removed section's id on a short note where the section
    was, after the section it now leads to (shown only when a link lands on it)."""
    for alias in aliases:
        if alias.kind == "renamed":
            at = body_html.find(f' id="{alias.target}"')
            at = body_html.rfind("<h", 0, at) if at != -1 else -1
            marker = f'<span class="anchor-alias" id="{alias.anchor}"></span>'
        else:
            at = _after_section(body_html, alias.target)
            marker = (
                f'<p class="anchor-note" id="{alias.anchor}">Het onderdeel '
                f"„{html.escape(alias.title)}” staat niet meer in dit hoofdstuk. "
                "Je bent op de plek waar het stond.</p>"
            )
        body_html = body_html[:at] + marker + body_html[at:] if at != -1 else marker + body_html
    return body_html


_SECTION_HEADING = re.compile(r'<h[23] id="([^"]+)"')


def _after_section(body_html: str, anchor: str) -> int:
    """Where the section with this anchor ends (the next h2/h3, or the end); for "" the start
    of the first section."""
    starts = [(m.start(), m.group(1)) for m in _SECTION_HEADING.finditer(body_html)]
    if not anchor:
        return starts[0][0] if starts else len(body_html)
    ids = [found for _start, found in starts]
    if anchor not in ids:
        return len(body_html)
    following = ids.index(anchor) + 1
    return starts[following][0] if following < len(starts) else len(body_html)


def render_markdown(text: str) -> str:
    """The editor's live preview (markdownx): exactly what readers will get."""
    return render_chapter(text).html


# Content checks: warnings for the editor, never blocks.

_LINK = re.compile(r'<a\b[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.S | re.I)
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r'\balt="([^"]*)"', re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CODE = re.compile(r"<(pre|code)>.*?</\1>", re.S)
_ESCAPED_TAG = re.compile(r"&lt;/?([a-zA-Z][a-zA-Z0-9]*)")
_VAGUE_LINK_TEXT = {"hier", "klik hier", "lees meer", "meer", "link", "deze link", "deze pagina"}


@lru_cache(maxsize=1)
def chapter_path() -> re.Pattern:
    """Links to a chapter, from the URL configuration: group 1 is the slug."""
    marker = "hoofdstuk-slug"
    before, after = reverse("handreiking:chapter-detail", kwargs={"slug": marker}).split(marker)
    return re.compile(rf"^{re.escape(before)}([^/#?]+){re.escape(after.rstrip('/'))}/?(?:[#?].*)?$")


def content_warnings(
    text: str, *, known_slugs: set[str] | frozenset[str] = frozenset()
) -> list[str]:
    """Problems an editor should look at: placeholder links, broken chapter links, skipped
    heading levels, images without alt text, long sentences (B1), vague link texts."""
    warnings: list[str] = []
    raw = _to_html(text or "")

    for href, label_html in _LINK.findall(raw):
        label = plain_text(label_html)
        target = html.unescape(href).strip()
        if target in {"", "#"}:
            warnings.append(
                f"De link „{label}” wijst nog nergens naar ({target or 'leeg'}). "
                "Vul een echt adres in."
            )
        chapter_link = chapter_path().match(target)
        if chapter_link and known_slugs and chapter_link.group(1) not in known_slugs:
            warnings.append(
                f"De link „{label}” wijst naar een hoofdstuk dat niet bestaat: {target}"
            )
        if label.lower().strip(" .:") in _VAGUE_LINK_TEXT:
            warnings.append(
                f"De linktekst „{label}” zegt niet waar de link heen gaat. "
                "Beschrijf het doel, bijvoorbeeld „de Gedragscode Integriteit Rijk”."
            )

    outside_code = _CODE.sub("", raw)
    for tag in dict.fromkeys(_ESCAPED_TAG.findall(outside_code)):
        warnings.append(
            f"De tekst bevat HTML (<{tag}>). Die tonen we als gewone tekst; gebruik Markdown, "
            "bijvoorbeeld ## voor een kop of - voor een lijst."
        )

    previous = 1
    for level_text, inner in _HEADING.findall(raw):
        level = int(level_text)
        heading = plain_text(inner)
        if level == 1:
            warnings.append(
                f"De kop „{heading}” heeft niveau 1 (#). De titel is al de kop van niveau 1; "
                "gebruik ## voor een onderdeel."
            )
        elif level > previous + 1:
            warnings.append(
                f"De kop „{heading}” slaat een niveau over (van {previous} naar {level}). "
                f"Gebruik {'#' * (previous + 1)} zodat schermlezers de opbouw volgen."
            )
        previous = max(level, 2) if level == 1 else level

    for tag in _IMG.findall(raw):
        alt = _ALT.search(tag)
        if not alt or not alt.group(1).strip():
            warnings.append(
                "Een afbeelding heeft geen alternatieve tekst. Schrijf tussen [ ] wat erop staat."
            )

    for block in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", raw, re.S):
        for sentence in _SENTENCE_END.split(plain_text(block)):
            words = sentence.split()
            if len(words) > LONG_SENTENCE_WORDS:
                start = " ".join(words[:8])
                warnings.append(
                    f"Lange zin ({len(words)} woorden): „{start} …”. "
                    f"Zinnen van hoogstens {LONG_SENTENCE_WORDS} woorden lezen makkelijker (B1)."
                )
    return list(dict.fromkeys(warnings))
