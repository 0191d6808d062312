"""What every API answer carries, whichever part of Django made it: the API-Version header,
errors as problem+json (also Django's own 404 and ninja's 405), and CORS from an allow-list."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from handreiking.api.problems import CONTENT_TYPE, problem
from handreiking.api.v1 import VERSION

API_PREFIX = "/api/v1/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin", "")
        allowed = origin in settings.API_CORS_ALLOWED_ORIGINS
        if request.method == "OPTIONS" and allowed:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "3600"
        else:
            response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            CONTENT_TYPE
        ):
            allow = response.get("Allow")
            response = problem(response.status_code)
            if allow:
                response["Allow"] = allow
        response["API-Version"] = VERSION
        if allowed:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = "API-Version, ETag, Last-Modified"
        patch_vary_headers(response, ["Origin"])
        return response
