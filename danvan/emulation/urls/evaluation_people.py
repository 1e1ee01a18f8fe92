"""The per-official figures' pages (namespace "emulation"); see docs/emulation/evaluation.md."""

from django.urls import path

from danvan.emulation.views import evaluation_people as views

urlpatterns = [
    path("van-hanh/thi-dua/danh-gia/can-bo/", views.people_list, name="evaluation_people"),
    path("van-hanh/thi-dua/danh-gia/can-bo/xuat.<str:fmt>", views.people_export, name="evaluation_people_export"),
    path(
        "van-hanh/thi-dua/danh-gia/can-bo/<int:organization_pk>/<int:person_pk>/",
        views.person_sheet,
        name="evaluation_person",
    ),
]
