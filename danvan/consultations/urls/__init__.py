"""Consultations' pages, one module per part, all in the "consultations" namespace. Mounted at the site
root by config/urls.py: public pages under /gop-y/, staff pages under /van-hanh/gop-y/."""

from django.urls import include, path

app_name = "consultations"

urlpatterns = [path("", include("danvan.consultations.urls.parts"))]
