"""The decisions part's pages (namespace "democracy"); see docs/democracy/decisions.md."""

from django.urls import path

from danvan.democracy.views import decisions as v

urlpatterns = [
    path("van-hanh/dan-chu/quyet-dinh/", v.decisions_staff, name="decisions_staff"),
    path("van-hanh/dan-chu/quyet-dinh/de-xuat/", v.decision_propose, name="decision_propose"),
    path("van-hanh/dan-chu/quyet-dinh/<int:pk>/", v.decision_detail, name="decision_detail"),
    path("van-hanh/dan-chu/quyet-dinh/<int:pk>/ban-in/", v.decision_print, name="decision_print"),
    path("van-hanh/dan-chu/quyet-dinh/<int:pk>/<slug:step>/", v.decision_act, name="decision_act"),
    path("dan-chu/quyet-dinh/<str:code>/", v.decision_public, name="decision_public"),
    path("dan-chu/<int:code>/quyet-dinh/", v.decisions_public, name="decisions_public"),
]
