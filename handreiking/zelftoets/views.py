"""The zelftoets page. Nothing here reads or writes the session, and nothing is logged."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from handreiking.zelftoets import ratelimit, services
from handreiking.zelftoets.advice import advice_for
from handreiking.zelftoets.forms import ANSWER_FIELDS, ZelftoetsForm


@require_http_methods(["GET", "HEAD", "POST"])
def zelftoets(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        retry_after = ratelimit.over_rate_limit(request)
        if retry_after:
            response = render(
                request,
                "handreiking/reflection_rate_limited.html",
                {"minutes": max(1, round(retry_after / 60))},
                status=429,
            )
            response["Retry-After"] = str(retry_after)
            return response
        form = ZelftoetsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            answers = {key: data[key] for key in ANSWER_FIELDS}
            services.submit_reflection(**answers, topic=data["topic"], text=data["text"])
            advice = advice_for(**answers, topic=data["topic"])
            response = render(
                request,
                "handreiking/reflection_advice.html",
                {"advice": advice, "form": form, "had_text": bool(data["text"])},
            )
            response["Cache-Control"] = "no-store"
            return response
        status = 400
    else:
        form = ZelftoetsForm()
    context = {"form": form, "retention_days": settings.REFLECTION_RETENTION_DAYS}
    response = render(request, "handreiking/reflection_form.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
