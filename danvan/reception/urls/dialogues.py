"""The dialogues part's pages (included by urls/parts.py into the "reception" namespace)."""

from django.urls import path

from danvan.reception.views import dialogues as views

urlpatterns: list = [
    path("doi-thoai/", views.dialogues_public, name="dialogues_public"),
    path("doi-thoai/<int:pk>/", views.dialogue_public, name="dialogue_public"),
    path("doi-thoai/<int:pk>/giay-moi/", views.dialogue_invitation, name="dialogue_invitation"),
    path("van-hanh/doi-thoai/", views.dialogue_list, name="dialogue_list"),
    path("van-hanh/doi-thoai/moi/", views.dialogue_plan, name="dialogue_plan"),
    path("van-hanh/doi-thoai/cam-ket/", views.commitments_mine, name="dialogue_commitments"),
    path("van-hanh/doi-thoai/cam-ket/<int:pk>/<slug:action>/", views.commitment_act, name="dialogue_commitment_act"),
    path("van-hanh/doi-thoai/cau-hoi/<int:pk>/<slug:action>/", views.question_act, name="dialogue_question_act"),
    path("van-hanh/doi-thoai/<int:pk>/", views.dialogue_detail, name="dialogue_detail"),
    path("van-hanh/doi-thoai/<int:pk>/<slug:action>/", views.dialogue_act, name="dialogue_act"),
]
