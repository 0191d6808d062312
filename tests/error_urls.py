"""URLs that fail on purpose, to see what a visitor gets when something breaks."""

from django.db import OperationalError
from django.urls import include, path


def boom(request):
    raise RuntimeError("secret traceback detail")


def database_down(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: secret detail")


urlpatterns = [
    path("boom/", boom),
    path("database-down/", database_down),
    path("", include("portal.urls")),
]

handler500 = "portal.views.server_error"
