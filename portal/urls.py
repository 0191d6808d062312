"""URL configuration: the public site, the admin and operational endpoints."""

from django.contrib import admin
from django.urls import include, path

from portal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("handreiking.urls")),
]

handler500 = "portal.views.server_error"
