"""URL configuration: the public site, the admin and operational endpoints."""

from django.contrib import admin
from django.urls import include, path

from handreiking.admin import markdown_preview
from handreiking.admin.readability import readability_report
from handreiking.admin.shortcut import view_on_site
from handreiking.api.v1 import api
from portal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Before the admin's own URLs; markdownx's URLs (with its open upload) are not included.
    path("admin/markdown-voorbeeld/", markdown_preview, name="markdownx_markdownify"),
    path("admin/leesbaarheid/", readability_report, name="admin-readability"),
    # Before the admin's own: its "view on site" shortcut, with a permission check.
    path("admin/r/<int:content_type_id>/<path:object_id>/", view_on_site),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("handreiking.urls")),
]

handler500 = "portal.views.server_error"
