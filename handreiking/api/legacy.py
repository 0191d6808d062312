"""The first round's /api/hoofdstukken/… addresses keep working: a permanent redirect to v1."""

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def chapter_list(request: HttpRequest) -> HttpResponsePermanentRedirect:
    return HttpResponsePermanentRedirect(reverse("api-v1:hoofdstukken"))


@require_safe
def chapter_detail(request: HttpRequest, slug: str) -> HttpResponsePermanentRedirect:
    return HttpResponsePermanentRedirect(reverse("api-v1:hoofdstuk", args=[slug]))
