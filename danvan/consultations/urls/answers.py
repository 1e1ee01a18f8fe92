"""Consultations: the answers part's pages, in the "consultations" namespace."""

from django.urls import URLPattern, path

from danvan.consultations.views import answers as views

urlpatterns: list[URLPattern] = [
    path("gop-y/<slug:code>/ket-qua/", views.summary_public, name="summary"),
    path("gop-y/<slug:code>/ket-qua/bao-cao/", views.summary_print, name="summary_print"),
    path("gop-y/<slug:code>/ket-qua/bang-tong-hop.xlsx", views.summary_xlsx, name="summary_xlsx"),
    path("van-hanh/gop-y/dot/<slug:code>/tra-loi/", views.answers_page, name="answers"),
    path("van-hanh/gop-y/dot/<slug:code>/tra-loi/bao-cao/", views.answers_print, name="answers_print"),
    path("van-hanh/gop-y/dot/<slug:code>/tra-loi/bang-tong-hop.xlsx", views.answers_xlsx, name="answers_xlsx"),
    path(
        "van-hanh/gop-y/dot/<slug:code>/tra-loi/nhom/<int:pk>/<slug:action>/",
        views.answers_group_act,
        name="answers_group_act",
    ),
    path("van-hanh/gop-y/dot/<slug:code>/tra-loi/<slug:action>/", views.answers_act, name="answers_act"),
]
