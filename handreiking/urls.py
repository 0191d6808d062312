from django.urls import path

from handreiking import views
from handreiking.api import legacy
from handreiking.zelftoets.views import zelftoets

app_name = "handreiking"

urlpatterns = [
    path("", views.home, name="home"),
    path("handreiking/<slug:slug>/", views.chapter_detail, name="chapter-detail"),
    path(
        "handreiking/<slug:slug>/versie/<str:day>/",
        views.chapter_version,
        name="chapter-version",
    ),
    path("h/<int:pk>/", views.chapter_short, name="chapter-short"),
    path("afbeeldingen/<int:pk>.<str:extension>", views.image, name="image"),
    # The first round's API addresses: a permanent redirect to /api/v1/.
    path("api/hoofdstukken/", legacy.chapter_list, name="api-chapter-list"),
    path("api/hoofdstukken/<slug:slug>/", legacy.chapter_detail, name="api-chapter-detail"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("voor-hr/", views.hr_overview, name="hr-overview"),
    path("voor-hr/qr/<int:pk>.svg", views.qr_code, name="qr-code"),
    path("zoeken/", views.search_results, name="search"),
    path("zelftoets/", zelftoets, name="zelftoets"),
    path("wijzigingen/", views.change_list, name="change-list"),
    path("wijzigingen/feed/", views.ChangesFeed(), name="change-feed"),
]
