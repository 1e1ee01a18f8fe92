"""The boards part's pages (namespace "democracy"); see docs/democracy/boards.md."""

from django.urls import path

from danvan.democracy.views import boards as views

urlpatterns: list = [
    path("van-hanh/dan-chu/ban/", views.board_list, name="board_list"),
    path("van-hanh/dan-chu/ban/moi/", views.board_new, name="board_new"),
    path("van-hanh/dan-chu/ban/<int:pk>/", views.board_detail, name="board_detail"),
    path("van-hanh/dan-chu/ban/<int:pk>/<slug:action>/", views.board_action, name="board_action"),
    path("van-hanh/dan-chu/kien-nghi/", views.recommendation_inbox, name="recommendation_inbox"),
    path("van-hanh/dan-chu/kien-nghi/<int:pk>/", views.recommendation_answer, name="recommendation_answer"),
    path("dan-chu/<str:code>/ban-thanh-tra/", views.public_boards, name="public_boards"),
    path("dan-chu/<str:code>/ban-thanh-tra/gui/", views.public_report, name="public_board_report"),
    path("dan-chu/<str:code>/ban/<int:pk>/", views.public_board, name="public_board"),
]
