"""The dashboards part's pages (namespace "democracy"): the province view, a commune's drill-down and the
export; see docs/democracy/dashboards.md."""

from django.urls import path

from danvan.democracy.views import dashboards

urlpatterns = [
    path("van-hanh/dan-chu/tong-hop/", dashboards.dashboard, name="dashboard"),
    path("van-hanh/dan-chu/tong-hop/xa/<int:code>/", dashboards.commune, name="dashboard_commune"),
    path("van-hanh/dan-chu/tong-hop/xuat.<str:fmt>", dashboards.export, name="dashboard_export"),
]
