"""Absolute addresses for permanent links, QR codes, the feed and the API.

With PORTAL_BASE_URL set they never depend on the Host header a client sends; without it, the
request's own host (which ALLOWED_HOSTS already limits)."""

from django.conf import settings
from django.http import HttpRequest


def base_url(request: HttpRequest) -> str:
    """The portal's address without a trailing slash, e.g. https://handreiking.example.nl."""
    return settings.PORTAL_BASE_URL or request.build_absolute_uri("/").rstrip("/")


def absolute_url(request: HttpRequest, path: str) -> str:
    return base_url(request) + path
