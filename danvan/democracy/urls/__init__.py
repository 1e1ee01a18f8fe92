"""Grassroots democracy's pages, one module per part, all in the "democracy" namespace. Mounted at the
site root by config/urls.py."""

from django.urls import include, path

app_name = "democracy"

urlpatterns = [path("", include("danvan.democracy.urls.parts"))]
