"""The zelftoets page. Nothing here reads or writes the session, and nothing is logged."""

import enum
import threading
import time
from secrets import token_urlsafe

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from handreiking import dbhealth
from handreiking.clients import client_address
from handreiking.pagecache.keys import content_version
from handreiking.zelftoets import ratelimit, services, timing
from handreiking.zelftoets.advice import advice_for, advice_without_links
from handreiking.zelftoets.forms import ANSWER_FIELDS, ZelftoetsForm
from handreiking.zelftoets.padding import pad_html
from handreiking.zelftoets.scrubbing import REMOVED_DESCRIPTION


class Outcome(enum.Enum):
    KEPT = "kept"
    AGAIN = "again"  # this very form was kept before: a retry, kept once, answered as kept
    NOT_ASKED = "not-asked"  # delen=nee or no choice: nothing to keep
    LIMITED = "limited"  # over the rate limit: not kept
    ALREADY = "already"  # this source already has a reflection in this period: not kept


@require_http_methods(["GET", "HEAD", "POST"])
def zelftoets(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, ZelftoetsForm(initial={"formulier": token_urlsafe(16)}), 200)
    form = ZelftoetsForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, 400)
    work_started = time.perf_counter()
    data = form.cleaned_data
    answers = {key: data[key] for key in ANSWER_FIELDS}
    outcome, version, wait = _keep(request, form, answers)
    if outcome is Outcome.KEPT:
        timing.record_kept(work_started=work_started)
    else:
        # Every other answer leaves after a kept one's work time: neither a stopwatch nor a
        # log tells ja from nee, or a kept submission from a refused one. The page comes after
        # this, as it does for a kept one.
        timing.wait(work_started=work_started)
    variant = (
        *answers.values(),
        data["topic"],
        outcome,
        bool(data["delen"]),
        bool(data["text"]),
        wait,
    )
    # Same status and size for every answer, too (padding.py).
    page = _advice_page(request, version, variant)
    response = HttpResponse(page)
    response["Cache-Control"] = "no-store"
    return response


def _keep(request: HttpRequest, form: ZelftoetsForm, answers: dict) -> tuple[Outcome, str, int]:
    """Keep the submission when asked and allowed: what happened, the content version, and the
    minutes to wait when over the rate limit."""
    if not form.keeps_answers:
        # The first query of the request, so it doubles as the connection's health check.
        return Outcome.NOT_ASKED, content_version(), 0
    taken = ratelimit.take(request)
    if taken is not None and taken.wait is not None:
        return Outcome.LIMITED, content_version(), max(1, round(taken.wait / 60))
    data = form.cleaned_data
    try:
        # One round trip: the statement that holds the submission reads the content version
        # too, and the connection's health check comes from the socket.
        dbhealth.check_from_socket()
        held = services.submit_reflection(
            source=client_address(request),
            form=data["formulier"],
            **answers,
            topic=data["topic"],
            text=data["text"],
        )
    except Exception:
        ratelimit.give_back(taken)  # not stored: it does not count
        raise
    if held.kept:
        return Outcome.KEPT, held.version, 0
    # A retry of a form kept before (its answer was lost on the way) was kept: say so.
    return (Outcome.AGAIN if held.again else Outcome.ALREADY), held.version, 0


class _Pages:
    """Advice pages rendered in this process, per content version: there are only a few
    hundred variants (answers, topic, and what was kept), and rendering one costs more than all
    else a submission does. Like the advice itself (advice.py), they stay in this process and
    never go to the shared cache; a publish (a new version) empties them."""

    LIMIT = 1024

    def __init__(self):
        self.version = None
        self.pages: dict[tuple, bytes] = {}
        self.lock = threading.Lock()

    def get(self, version: str, variant: tuple) -> bytes | None:
        with self.lock:
            if version != self.version:
                self.version, self.pages = version, {}
            return self.pages.get(variant)

    def put(self, version: str, variant: tuple, page: bytes) -> None:
        with self.lock:
            if version == self.version and len(self.pages) < self.LIMIT:
                self.pages[variant] = page


_pages = _Pages()


def _advice_page(request: HttpRequest, version: str, variant: tuple) -> bytes:
    variant = (*variant, settings.ZELFTOETS_MIN_GROUP)
    page = _pages.get(version, variant)
    if page is not None:
        return page
    colleagues, manager, newspaper, topic, outcome, chose, had_text, wait, min_group = variant
    answers = {"colleagues": colleagues, "manager": manager, "newspaper": newspaper}
    degraded = False
    try:
        advice = advice_for(**answers, topic=topic, version=version)
    except DatabaseError:
        if outcome not in (Outcome.KEPT, Outcome.AGAIN):
            raise  # nothing was kept: the Dutch 503 page is the honest answer
        # Kept already: the person must hear so, not see an error and send it again.
        advice, degraded = advice_without_links(**answers), True
    context = {
        "advice": advice,
        "outcome": outcome.value,
        "chose": chose,
        "had_text": had_text,
        "minutes": wait,
        "min_group": min_group,
        "release_days": settings.ZELFTOETS_RELEASE_DAYS,
    }
    html = render_to_string("handreiking/reflection_advice.html", context, request)
    # Same size for every answer, topic, text, choice and outcome: logs and the network learn
    # nothing.
    page = pad_html(html.encode())
    # A page that used this request's CSP nonce belongs to this request alone.
    if getattr(request, "_csp_nonce", None) is None and not degraded:
        _pages.put(version, variant, page)
    return page


def _form_page(request: HttpRequest, form: ZelftoetsForm, status: int) -> HttpResponse:
    context = {
        "form": form,
        "retention_days": settings.REFLECTION_RETENTION_DAYS,
        "min_group": settings.ZELFTOETS_MIN_GROUP,
        "release_days": settings.ZELFTOETS_RELEASE_DAYS,
        "removed_description": REMOVED_DESCRIPTION,
    }
    response = render(request, "handreiking/reflection_form.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
