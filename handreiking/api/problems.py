"""Errors as application/problem+json (RFC 9457), with a Dutch title per status."""

import json

from django.http import HttpResponse

PROBLEM_TYPE = "about:blank"
CONTENT_TYPE = "application/problem+json"
TITLES = {
    400: "Ongeldige vraag",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Deze methode kan hier niet",
    406: "Dit formaat kan niet",
    429: "Te veel vragen",
    500: "Er ging iets mis",
    503: "Tijdelijk niet beschikbaar",
}
DETAILS = {
    404: "Dit adres bestaat niet in de API. Zie /api/v1/openapi.json.",
    405: "De API is alleen om te lezen: gebruik GET.",
}


def problem(status: int, *, detail: str = "") -> HttpResponse:
    body = {
        "type": PROBLEM_TYPE,
        "title": TITLES.get(status, "Fout"),
        "status": status,
        "detail": detail or DETAILS.get(status, ""),
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
