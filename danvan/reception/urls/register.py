"""The register part's pages (included by urls/parts.py into the "reception" namespace)."""

from django.urls import path

from danvan.reception.views import register as views

urlpatterns: list = [
    path("van-hanh/tiep-cong-dan/so/", views.register_list, name="register"),
    path("van-hanh/tiep-cong-dan/so/moi/", views.visit_new, name="visit_new"),
    path("van-hanh/tiep-cong-dan/so/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("van-hanh/tiep-cong-dan/so/<int:pk>/tra-loi/", views.visit_outcome, name="visit_outcome"),
    path("van-hanh/tiep-cong-dan/so/<int:pk>/thong-bao/", views.visit_outcome_notice, name="visit_outcome_notice"),
    path("van-hanh/tiep-cong-dan/so/<int:pk>/tai-lieu/<int:document_pk>/", views.visit_document, name="visit_document"),
]
