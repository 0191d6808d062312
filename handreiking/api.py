"""Read-only JSON for other intranet systems, with ETag/Last-Modified for cheap polling."""

import hashlib

from django.db.models import Count, Max
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import condition, require_safe

from handreiking.models import Chapter, ChapterSlug


def _list_state(request: HttpRequest) -> tuple:
    if not hasattr(request, "_chapter_list_state"):
        request._chapter_list_state = Chapter.objects.published().aggregate(
            latest=Max("updated_at"), count=Count("pk")
        )
    state = request._chapter_list_state
    return state["latest"], state["count"]


def _list_etag(request: HttpRequest) -> str:
    latest, count = _list_state(request)
    return hashlib.sha256(f"{latest}|{count}".encode()).hexdigest()[:32]


def _list_last_modified(request: HttpRequest):
    return _list_state(request)[0]


def _chapter_summary(request: HttpRequest, chapter: Chapter) -> dict:
    url = request.build_absolute_uri(chapter.get_absolute_url())
    return {
        "nummer": chapter.number,
        "titel": chapter.title,
        "slug": chapter.slug,
        "samenvatting": chapter.summary,
        "url": url,
        "vaste_url": request.build_absolute_uri(chapter.get_short_url()),
        "api_url": request.build_absolute_uri(
            reverse("handreiking:api-chapter-detail", kwargs={"slug": chapter.slug})
        ),
        "eerst_gepubliceerd": chapter.first_published_at,
        "laatst_gewijzigd": chapter.last_major_change_at,
        "bijgewerkt": chapter.updated_at,
        "onderdelen": [
            {"id": entry["id"], "titel": entry["title"], "niveau": entry["level"],
             "url": f"{url}#{entry['id']}"}
            for entry in chapter.toc
        ],
    }  # fmt: skip


@require_safe
@condition(etag_func=_list_etag, last_modified_func=_list_last_modified)
def chapter_list(request: HttpRequest) -> JsonResponse:
    chapters = Chapter.objects.published().in_order().defer("body", "body_html", "sections")
    return JsonResponse(
        {"hoofdstukken": [_chapter_summary(request, chapter) for chapter in chapters]},
        json_dumps_params={"ensure_ascii": False},
    )


def _chapter(request: HttpRequest, slug: str) -> Chapter | None:
    if not hasattr(request, "_api_chapter"):
        request._api_chapter = Chapter.objects.published().filter(slug=slug).first()
    return request._api_chapter


@require_safe
@condition(
    etag_func=lambda request, slug: (
        f"{chapter.pk}-{chapter.updated_at.timestamp()}"
        if (chapter := _chapter(request, slug))
        else None
    ),
    last_modified_func=lambda request, slug: (
        chapter.updated_at if (chapter := _chapter(request, slug)) else None
    ),
)
def chapter_detail(request: HttpRequest, slug: str) -> JsonResponse:
    chapter = _chapter(request, slug)
    if chapter is None:
        current = ChapterSlug.objects.current_slug(slug)
        if current is None:
            raise Http404("Hoofdstuk niet gevonden")
        return redirect("handreiking:api-chapter-detail", slug=current, permanent=True)
    data = _chapter_summary(request, chapter)
    data.update(
        markdown=chapter.body,
        html=chapter.body_html,
        wijzigingen=[
            {"datum": note.changed_at, "notitie": note.note} for note in chapter.change_notes.all()
        ],
    )
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
