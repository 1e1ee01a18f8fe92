"""Consultations: the drafts part's pages, in the "consultations" namespace (see docs/consultations/drafts.md)."""

from django.urls import URLPattern, path

from danvan.consultations.views import drafts as views

urlpatterns: list[URLPattern] = [
    path("gop-y/", views.public_list, name="public_list"),
    path("gop-y/<slug:code>/", views.public_detail, name="public_detail"),
    path("gop-y/<slug:code>/tai-lieu/<int:pk>/", views.public_document, name="public_document"),
    path("van-hanh/gop-y/", views.staff_list, name="staff_list"),
    path("van-hanh/gop-y/moi/", views.staff_new, name="staff_new"),
    path("van-hanh/gop-y/dot/<slug:code>/", views.staff_detail, name="staff_detail"),
    path("van-hanh/gop-y/dot/<slug:code>/sua/", views.staff_edit, name="staff_edit"),
    path("van-hanh/gop-y/dot/<slug:code>/tai-lieu/<int:pk>/", views.staff_document, name="staff_document"),
    path("van-hanh/gop-y/dot/<slug:code>/thao-tac/<slug:action>/", views.staff_act, name="staff_act"),
]
