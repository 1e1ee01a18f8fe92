"""Consultations: the dashboards part's pages, in the "consultations" namespace — the province page, a
place's drill-down (a commune, or a province's own level) and the export; see
docs/consultations/dashboards.md."""

from django.urls import path

from danvan.consultations.views import dashboards

urlpatterns = [
    path("van-hanh/gop-y/so-lieu/", dashboards.dashboard, name="dashboard"),
    path("van-hanh/gop-y/so-lieu/xa/<int:code>/", dashboards.commune, name="dashboard_commune"),
    path("van-hanh/gop-y/so-lieu/tinh/<int:code>/", dashboards.province_level, name="dashboard_province_level"),
    path("van-hanh/gop-y/so-lieu/xuat.<str:fmt>", dashboards.export, name="dashboard_export"),
]
