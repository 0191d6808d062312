"""The zelftoets page. Nothing here reads or writes the session, and nothing is logged."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from handreiking.zelftoets import ratelimit, services
from handreiking.zelftoets.advice import advice_for
from handreiking.zelftoets.forms import ANSWER_FIELDS, ZelftoetsForm
from handreiking.zelftoets.padding import pad_html
from handreiking.zelftoets.scrubbing import REMOVED_DESCRIPTION


@require_http_methods(["GET", "HEAD", "POST"])
def zelftoets(request: HttpRequest) -> HttpResponse:
    form = ZelftoetsForm(request.POST if request.method == "POST" else None)
    if not form.is_bound:
        return _form_page(request, form, status=200)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    if form.keeps_answers and (wait := ratelimit.retry_after(request)):
        response = render(
            request,
            "handreiking/reflection_rate_limited.html",
            {"minutes": max(1, round(wait / 60))},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    data = form.cleaned_data
    answers = {key: data[key] for key in ANSWER_FIELDS}
    if form.keeps_answers:
        services.submit_reflection(**answers, topic=data["topic"], text=data["text"])
        ratelimit.count_submission(request)
    context = {
        "advice": advice_for(**answers, topic=data["topic"]),
        "kept": form.keeps_answers,
        "chose": bool(data["delen"]),
        "had_text": bool(data["text"]),
        "min_group": settings.ZELFTOETS_MIN_GROUP,
    }
    response = render(request, "handreiking/reflection_advice.html", context)
    # Same size for every answer, topic, text and choice: logs and the network learn nothing.
    response.content = pad_html(response.content)
    response["Cache-Control"] = "no-store"
    return response


def _form_page(request: HttpRequest, form: ZelftoetsForm, *, status: int) -> HttpResponse:
    context = {
        "form": form,
        "retention_days": settings.REFLECTION_RETENTION_DAYS,
        "min_group": settings.ZELFTOETS_MIN_GROUP,
        "removed_description": REMOVED_DESCRIPTION,
    }
    response = render(request, "handreiking/reflection_form.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
