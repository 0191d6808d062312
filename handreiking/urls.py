from django.urls import path

from handreiking import views

app_name = "handreiking"

urlpatterns = [
    path("", views.home, name="home"),
]
