"""The voting part's pages (namespace "democracy"); see docs/democracy/voting.md."""

from django.urls import path

from danvan.democracy.views import voting as views

urlpatterns: list = [
    path("dan-chu/bieu-quyet/<int:pk>/", views.vote_page, name="vote"),
    path("dan-chu/bieu-quyet/<int:pk>/ma/", views.vote_code, name="vote_code"),
    path("dan-chu/bieu-quyet/<int:pk>/bo-phieu/", views.vote_cast, name="vote_cast"),
    path("dan-chu/bieu-quyet/<int:pk>/dong-y-truc-tuyen/", views.consent_answer, name="vote_consent"),
    path("dan-chu/bieu-quyet/<int:pk>/ket-qua/", views.vote_results, name="vote_results"),
    path("dan-chu/bieu-quyet/<int:pk>/kiem-tra/", views.vote_receipts, name="vote_receipts"),
    path("van-hanh/dan-chu/bieu-quyet/", views.staff_list, name="voting_list"),
    path("van-hanh/dan-chu/bieu-quyet/<int:pk>/", views.staff_detail, name="voting_detail"),
    path("van-hanh/dan-chu/bieu-quyet/<int:pk>/<slug:action>/", views.staff_act, name="voting_act"),
]
