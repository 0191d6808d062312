"""„Wie linkt hierheen?”: what points into a chapter, and which anchors an edit would retire."""

from dataclasses import dataclass, field

from django.http import HttpRequest

from handreiking import anchors
from handreiking.links import absolute_url
from handreiking.markdown import render_chapter
from handreiking.models import AnchorAlias, Chapter, OnboardingMaterial


@dataclass
class LinkReport:
    permalink: str
    materials: list[OnboardingMaterial]
    sections: list[dict]  # current anchors with their permanent links
    aliases: list[AnchorAlias]
    retiring: list[anchors.Retired] = field(default_factory=list)


def link_report(request: HttpRequest, chapter: Chapter, body: str, title: str) -> LinkReport:
    """For the editor, before publishing: HR's material, the permanent link and every anchor in
    use, and which anchors this text would retire (each keeps working, and where it would lead)."""
    permalink = absolute_url(request, chapter.get_short_url())
    published_toc = chapter.toc if chapter.is_published else []
    draft_toc = render_chapter(body, title=title).toc
    return LinkReport(
        permalink=permalink,
        materials=list(OnboardingMaterial.objects.filter(chapter=chapter)),
        sections=[{**entry, "permalink": f"{permalink}#{entry['id']}"} for entry in published_toc],
        aliases=list(AnchorAlias.objects.filter(chapter=chapter)),
        retiring=anchors.retire(published_toc, draft_toc),
    )
