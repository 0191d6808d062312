"""The page cache in the middleware stack, and conditional GET for every public page.

It sits after SecurityMiddleware (the HTTPS redirect comes first, and its headers are added to
every answer, stored or not), WhiteNoise (static files never get this far) and ApiMiddleware
(API-Version and CORS depend on the request's Origin, so they are added to each answer), and
before everything that reads a session, a CSRF token or a user. A stored page therefore carries
what the middleware inside added (CSP, X-Frame-Options, Vary, Content-Length), which is the same
for every anonymous reader.

Never shared, whatever the view says:
- requests with a session or messages cookie or an Authorization header (editors, reviewers,
  HR: anyone logged in), and every request that is not a GET or HEAD;
- the admin, the zelftoets (its form carries a CSRF token), /healthz and static files: they
  are left exactly as their views make them (the admin with the content version read, like
  every other page: see `_version`);
- search (/zoeken/, /api/v1/zoeken): what readers search for is theirs, so it is kept in no
  shared store, and queries vary too widely to be worth storing; it gets conditional GET and
  `Cache-Control: private`;
- images (/afbeeldingen/): one query each, immutable for a year in the browser already;
- a request whose query string or path the page does not read in that form (`keys.page_key`:
  a parameter no page reads, a day of an earlier version in another spelling or still to
  come): the view answers, and nothing is stored, so nobody can fill the cache by inventing
  addresses. Parameters that only tell analytics where a link was clicked (utm_source, fbclid)
  are left out of the key: the same page, one stored copy;
- any answer that sets a cookie, used a CSP nonce or a CSRF token, is for a logged-in user, is
  not 200 (redirects are followed once and kept by browsers, 404s would let anyone fill the
  cache), says private/no-store/no-cache, varies on more than Cookie and Accept-Encoding, or is
  streamed.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from handreiking.pagecache import invalidation, keys, store, warming

SAFE_METHODS = ("GET", "HEAD")
# Left exactly as their views make them, without even the content version read.
UNREAD_PREFIXES = ("/zelftoets/", "/healthz", "/static/", "/media/")
# Never stored: the admin is every editor's own.
UNTOUCHED_PREFIXES = ("/admin/",)
UNSHARED_PREFIXES = ("/zoeken/", "/api/v1/zoeken", "/afbeeldingen/")
# Made from the code alone: keyed by the build, served without the database (also in an outage).
CODE_ONLY = {"/api/v1/openapi.json"}
# Browsers revalidate every time (a 304 costs a few bytes); what a proxy does, see below.
PRIVATE_CACHE_CONTROL = "private, max-age=0, must-revalidate"
SHAREABLE_VARY = {"cookie", "accept-encoding"}
NOT_SHAREABLE = ("private", "no-store", "no-cache")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        invalidation.connect()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if request.method not in SAFE_METHODS or path.startswith(UNREAD_PREFIXES):
            return self.get_response(request)
        version = _version(path)
        # Views may key what they keep in process memory by it (never stale: read just now).
        request.content_version = version
        if path.startswith(UNTOUCHED_PREFIXES):
            return self.get_response(request)
        candidate = not path.startswith(UNSHARED_PREFIXES) and not _personal(request)
        seconds = settings.PAGE_CACHE_SECONDS if candidate else 0
        key = keys.page_key(request, version) if seconds and version is not None else None
        if key is not None and (page := store.get(key)) is not None:
            return _answer(request, page.response())
        response = self.get_response(request)
        shared = candidate and _shareable(request, response)
        _add_validators(response, shared=shared)
        if key is not None and shared:
            # A page prepared at publication is wanted before anyone asked for it.
            warm = request.META.get(warming.ENVIRON_KEY, False)
            store.put(key, store.Page.of(response), seconds=seconds, wanted=warm)
        return _answer(request, response)


def _version(path: str) -> str | None:
    """The content version this request is served from; None when the database cannot say
    (the view answers, or fails, as it would without the cache). Reading never writes:
    scheduled publications are applied by `manage.py publish_scheduled` on a timer."""
    if path in CODE_ONLY:
        return ""
    try:
        return keys.content_version()
    except DatabaseError:
        return None


def _personal(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def _shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether this answer is the same for every anonymous reader of this address."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page carries a CSRF token
    if getattr(request, "_csp_nonce", None) is not None:
        return False  # the page used this request's nonce, and so does its CSP header
    if "nonce-" in response.get("Content-Security-Policy", ""):
        return False
    user = getattr(request, "_cached_user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in NOT_SHAREABLE):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= SHAREABLE_VARY


def _add_validators(response: HttpResponse, *, shared: bool) -> None:
    """ETag (a hash of the bytes, so every worker and instance agrees), Last-Modified for stored
    pages (when they were rendered), and Cache-Control; the API's own validators are kept."""
    if response.status_code != 200 or response.streaming:
        return
    if "no-store" in response.get("Cache-Control", ""):
        return
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = _shared_cache_control() if shared else PRIVATE_CACHE_CONTROL
    if shared and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date()


def _shared_cache_control() -> str:
    """Browsers revalidate every time; a shared cache in front (the reference nginx) may reuse
    a page for PAGE_CACHE_SHARED_MAX_AGE seconds, so a publish shows there within that time."""
    seconds = settings.PAGE_CACHE_SHARED_MAX_AGE
    if not seconds:
        return "public, max-age=0, must-revalidate"
    return f"public, max-age=0, s-maxage={seconds}, must-revalidate"


def _answer(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """304 when the reader's copy is current (If-None-Match, else If-Modified-Since)."""
    etag = response.get("ETag")
    if response.status_code != 200 or etag is None:
        return response
    meta = request.META
    if "HTTP_IF_NONE_MATCH" not in meta and "HTTP_IF_MODIFIED_SINCE" not in meta:
        if "HTTP_IF_MATCH" not in meta and "HTTP_IF_UNMODIFIED_SINCE" not in meta:
            return response
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
