"""The visit_cases part's pages (included by urls/parts.py into the "reception" namespace)."""

from django.urls import path

from danvan.reception.views import visit_cases as views

urlpatterns = [
    path("van-hanh/tiep-cong-dan/so/<int:pk>/vu-viec/", views.visit_cases_new, name="visit_cases_new"),
    path("van-hanh/tiep-cong-dan/so/<int:pk>/dong-nguoi/", views.visit_crowd, name="visit_crowd"),
    path("van-hanh/tiep-cong-dan/canh-bao-dong-nguoi/", views.crowd_warnings, name="crowd_warnings"),
]
