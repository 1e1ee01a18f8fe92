"""Consultations: the maps part's pages, in the "consultations" namespace."""

from django.urls import URLPattern, path

from danvan.consultations.views import maps as views

urlpatterns: list[URLPattern] = [
    path("gop-y/<slug:code>/ban-do-y-kien/", views.map_page, name="map"),
    path("van-hanh/gop-y/dot/<slug:code>/ban-do-y-kien/", views.map_staff, name="map_staff"),
    path("van-hanh/gop-y/dot/<slug:code>/ban-do-y-kien/tinh-lai/", views.map_recompute, name="map_recompute"),
]
