"""Emulation's pages, one module per part, all in the "emulation" namespace. Mounted at the site root by
config/urls.py: public pages under /dan-van-kheo/, staff pages under /van-hanh/thi-dua/."""

from django.urls import include, path

app_name = "emulation"

urlpatterns = [
    path("", include("danvan.emulation.urls.hub")),
    path("", include("danvan.emulation.urls.dvk")),
    path("", include("danvan.emulation.urls.commitments")),
    path("", include("danvan.emulation.urls.training")),
    path("", include("danvan.emulation.urls.evaluation")),
    path("", include("danvan.emulation.urls.evaluation_people")),
    path("", include("danvan.emulation.urls.commendation")),
]
