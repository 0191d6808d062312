"""The readability panel's live update: the report for the text an editor is typing.

The change page renders the panel once from the form's text; readability.js posts the text here
while the editor types and swaps in the fragment this view renders from the same template, so
the page and the update never disagree.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from handreiking import readability

# The same bound as the Markdown preview: far more than any chapter, far less than the request
# limit, so measuring stays quick.
MAX_BODY_CHARS = 200_000
PANEL_TEMPLATE = "admin/handreiking/chapter/includes/readability.html"
TOO_LONG = (
    "De tekst is te lang om tijdens het typen te meten (meer dan 200.000 tekens). "
    "Na opslaan ziet u de leesbaarheid in de geschiedenis."
)


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def report_json(report: readability.Report) -> dict:
    """The report with the B1 targets and each score's verdict, for other tools."""
    data = report.as_dict()
    data["overall"]["meets_b1"] = report.overall.meets_b1
    for section, score in zip(data["sections"], report.sections, strict=True):
        section["meets_b1"] = score.meets_b1
    data["b1"] = {
        "score": readability.B1_SCORE,
        "words_per_sentence": readability.B1_SENTENCE_WORDS,
        "long_sentence_words": readability.LONG_SENTENCE_WORDS,
    }
    return data


@require_POST
@staff_member_required
def readability_report(request: HttpRequest) -> HttpResponse:
    """The readability of the posted `body`, for editors only: an HTML fragment for the panel,
    or JSON when only JSON is accepted."""
    user = request.user
    if not user.has_perm("handreiking.change_chapter") and not user.has_perm(
        "handreiking.add_chapter"
    ):
        raise PermissionDenied
    body = request.POST.get("body", "")
    if len(body) > MAX_BODY_CHARS:
        if wants_json(request):
            response = JsonResponse({"detail": TOO_LONG}, status=413)
        else:
            response = HttpResponse(TOO_LONG, status=413, content_type="text/plain; charset=utf-8")
    else:
        report = readability.measure(body)
        if wants_json(request):
            response = JsonResponse(report_json(report))
        else:
            html = render_to_string(
                PANEL_TEMPLATE, {"report": report, "readability_fragment": True}, request
            )
            response = HttpResponse(html)
    # The text being typed is private to its editor: never kept by a browser or proxy.
    response["Cache-Control"] = "no-store"
    return response
