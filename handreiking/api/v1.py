"""API v1: chapters and search as JSON, described by a generated OpenAPI 3 document.

django-ninja builds the OpenAPI description from the schemas below; the answers themselves are
made by `conditional.json_response`, so every representation has its own ETag and 304."""

import html
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.html import strip_tags
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError

from handreiking import search
from handreiking.api.conditional import json_response
from handreiking.api.problems import CONTENT_TYPE as PROBLEM_CONTENT_TYPE
from handreiking.api.problems import PROBLEM_TYPE, problem
from handreiking.links import absolute_url
from handreiking.models import Chapter, ChapterSlug, ContentVersion

VERSION = "1.0.0"


class Onderdeel(Schema):
    id: str = Field(description="Het anker van het onderdeel (h2 of h3) op de pagina.")
    titel: str = Field(description="De kop van het onderdeel.")
    niveau: int = Field(description="2 voor een onderdeel, 3 voor een deel daarvan.")
    url: str = Field(description="Absoluut adres van het onderdeel, met #anker.")


class Hoofdstuk(Schema):
    nummer: int = Field(description="Plaats van het hoofdstuk in de handreiking.")
    titel: str
    slug: str = Field(description="Het laatste deel van het adres; kan veranderen.")
    samenvatting: str
    url: str = Field(description="Absoluut adres van het hoofdstuk voor lezers.")
    vaste_url: str = Field(description="Vaste link: blijft werken als titel of adres verandert.")
    api_url: str = Field(description="Absoluut adres van dit hoofdstuk in de API.")
    eerst_gepubliceerd: datetime | None = Field(description="ISO 8601, met tijdzone.")
    laatst_gewijzigd: datetime | None = Field(
        description="Tijd van de laatste belangrijke wijziging (ISO 8601)."
    )
    bijgewerkt: datetime = Field(description="Tijd van de laatste opslag (ISO 8601).")
    onderdelen: list[Onderdeel]


class Hoofdstukken(Schema):
    hoofdstukken: list[Hoofdstuk]


class Wijziging(Schema):
    datum: datetime = Field(description="ISO 8601, met tijdzone.")
    notitie: str = Field(description="De wijzigingsnotitie voor lezers, als platte tekst.")


class HoofdstukDetail(Hoofdstuk):
    markdown: str = Field(description="De gepubliceerde tekst in Markdown.")
    html: str = Field(description="De tekst als veilige HTML, zoals lezers hem zien.")
    wijzigingen: list[Wijziging] = Field(description="Belangrijke wijzigingen, nieuwste eerst.")


class Zoekresultaat(Schema):
    titel: str = Field(description="Titel van het hoofdstuk, en de kop van het onderdeel.")
    url: str = Field(description="Pad van het hoofdstuk met het #anker van het onderdeel.")
    fragment: str = Field(description="Een stukje tekst rond de gevonden woorden.")


class Zoekuitkomst(Schema):
    resultaten: list[Zoekresultaat] = Field(description="Beste resultaat eerst.")
    suggestie: str | None = Field(description="„Bedoel je …?”, of null.")


class Probleem(Schema):
    type: str = PROBLEM_TYPE
    title: str
    status: int
    detail: str = ""


ERRORS = {400: Probleem, 404: Probleem, 405: Probleem}


class PortalAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Error answers are application/problem+json (RFC 9457), not plain JSON."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        answer["content"] = {PROBLEM_CONTENT_TYPE: content["application/json"]}
        return schema


api = PortalAPI(
    title="Handreiking-portaal API",
    version=VERSION,
    description=(
        "Alleen-lezen JSON voor andere intranetsystemen: de hoofdstukken van de Handreiking "
        "Online Communicatie Rijksambtenaren en de zoekfunctie. Volgens de API Design Rules: "
        "geen slash aan het eind, een API-Version-header, ETag en Last-Modified, fouten als "
        "application/problem+json."
    ),
    urls_namespace="api-v1",
    docs_url=None,
)


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
    fields = sorted({str(item.get("loc", ["?"])[-1]) for item in error.errors})
    return problem(400, detail=f"Controleer de parameters: {', '.join(fields)}.")


def _summary(request: HttpRequest, chapter: Chapter) -> dict:
    url = absolute_url(request, chapter.get_absolute_url())
    return {
        "nummer": chapter.number,
        "titel": chapter.title,
        "slug": chapter.slug,
        "samenvatting": chapter.summary,
        "url": url,
        "vaste_url": absolute_url(request, chapter.get_short_url()),
        "api_url": absolute_url(request, reverse("api-v1:hoofdstuk", args=[chapter.slug])),
        "eerst_gepubliceerd": chapter.first_published_at,
        "laatst_gewijzigd": chapter.last_major_change_at,
        "bijgewerkt": chapter.updated_at,
        "onderdelen": [
            {"id": e["id"], "titel": e["title"], "niveau": e["level"], "url": f"{url}#{e['id']}"}
            for e in chapter.toc
        ],
    }


@api.get(
    "/hoofdstukken",
    response={200: Hoofdstukken, 304: None, **ERRORS},
    url_name="hoofdstukken",
    summary="Alle gepubliceerde hoofdstukken, op volgorde",
    tags=["hoofdstukken"],
)
def chapter_list(request: HttpRequest):
    chapters = list(Chapter.objects.published().in_order().defer("body", "body_html", "sections"))
    data = Hoofdstukken(hoofdstukken=[_summary(request, c) for c in chapters])
    latest = max((c.updated_at for c in chapters), default=None)
    return json_response(request, data.model_dump(mode="json"), last_modified=latest)


@api.get(
    "/hoofdstukken/{slug}",
    response={200: HoofdstukDetail, 301: None, 304: None, **ERRORS},
    url_name="hoofdstuk",
    summary="Eén hoofdstuk met tekst, onderdelen en wijzigingen",
    description="Een oud adres (slug) stuurt met 301 door naar het huidige.",
    tags=["hoofdstukken"],
)
def chapter_detail(request: HttpRequest, slug: str):
    chapter = Chapter.objects.published().filter(slug=slug).first()
    if chapter is None:
        current = ChapterSlug.objects.current_slug(slug)
        if current is None:
            raise Http404("Dit hoofdstuk bestaat niet (meer).")
        return HttpResponsePermanentRedirect(reverse("api-v1:hoofdstuk", args=[current]))
    notes = chapter.change_notes.all()
    data = HoofdstukDetail(
        **_summary(request, chapter),
        markdown=chapter.body,
        html=chapter.body_html,
        wijzigingen=[{"datum": n.changed_at, "notitie": n.note} for n in notes],
    )
    return json_response(request, data.model_dump(mode="json"), last_modified=chapter.updated_at)


@api.get(
    "/zoeken",
    response={200: Zoekuitkomst, 304: None, **ERRORS},
    url_name="zoeken",
    summary="Zoeken in de gepubliceerde hoofdstukken",
    description="Dezelfde zoekfunctie als /zoeken/ voor lezers, beste resultaat eerst.",
    tags=["zoeken"],
)
def search_chapters(
    request: HttpRequest,
    q: str = Query(  # noqa: B008 - ninja declares parameters this way
        ..., min_length=1, max_length=search.MAX_QUERY_LENGTH, description="De zoekvraag."
    ),
):
    # Suggestions while typing ask for every keystroke: those are no searches to count.
    outcome = search.search(q, record=request.headers.get("X-Search-Suggest") != "1")
    results = [
        {
            "titel": f"{r.chapter_title} › {r.heading}" if r.heading else r.chapter_title,
            "url": r.url,
            "fragment": html.unescape(strip_tags(r.snippet)),
        }
        for r in outcome.results
    ]
    data = Zoekuitkomst(resultaten=results, suggestie=outcome.suggestion or None)
    # Synonyms and best answers change results too; every such change bumps the content version.
    changed = ContentVersion.objects.values_list("changed_at", flat=True).first()
    return json_response(request, data.model_dump(mode="json"), last_modified=changed)
