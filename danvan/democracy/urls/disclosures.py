"""The disclosures part's pages (namespace "democracy"); see docs/democracy/disclosures.md."""

from django.urls import path

from danvan.democracy.views import disclosures as views

urlpatterns: list = [
    path("dan-chu/<int:code>/cong-khai/", views.disclosures_public, name="disclosures_public"),
    path("dan-chu/<int:code>/cong-khai/<int:pk>/", views.disclosure_public, name="disclosure_public"),
    path(
        "dan-chu/<int:code>/cong-khai/<int:pk>/van-ban/",
        views.disclosure_public_document,
        name="disclosure_public_document",
    ),
    path("van-hanh/dan-chu/cong-khai/", views.disclosure_list, name="disclosure_list"),
    path("van-hanh/dan-chu/cong-khai/moi/", views.disclosure_new, name="disclosure_new"),
    path("van-hanh/dan-chu/cong-khai/danh-sach-quy/", views.disclosure_quarter, name="disclosure_quarter"),
    path(
        "van-hanh/dan-chu/cong-khai/danh-sach-quy/in/", views.disclosure_quarter_print, name="disclosure_quarter_print"
    ),
    path(
        "van-hanh/dan-chu/cong-khai/danh-sach-quy/tai.<str:fmt>",
        views.disclosure_quarter_export,
        name="disclosure_quarter_export",
    ),
    path("van-hanh/dan-chu/cong-khai/<int:pk>/", views.disclosure_detail, name="disclosure_detail"),
    path("van-hanh/dan-chu/cong-khai/<int:pk>/tep/<int:proof_pk>/", views.disclosure_file, name="disclosure_file"),
    path("van-hanh/dan-chu/cong-khai/<int:pk>/<slug:action>/", views.disclosure_act, name="disclosure_act"),
]
