"""The evaluation part's pages (namespace "emulation")."""

from django.urls import path

from danvan.emulation.views import evaluation as views

urlpatterns = [
    path("van-hanh/thi-dua/danh-gia/", views.dashboard, name="evaluation_dashboard"),
    path("van-hanh/thi-dua/danh-gia/tinh/", views.run, name="evaluation_run"),
    path("van-hanh/thi-dua/danh-gia/xuat.<str:fmt>", views.export, name="evaluation_export"),
    path("van-hanh/thi-dua/danh-gia/phuong-phap/", views.methodology, name="evaluation_methodology"),
    path(
        "van-hanh/thi-dua/danh-gia/phuong-phap/<int:pk>/sua/",
        views.methodology_edit,
        name="evaluation_methodology_edit",
    ),
    path(
        "van-hanh/thi-dua/danh-gia/phuong-phap/<int:pk>/xac-nhan/",
        views.methodology_confirm,
        name="evaluation_methodology_confirm",
    ),
    path("van-hanh/thi-dua/danh-gia/<int:pk>/", views.unit, name="evaluation_unit"),
]
