"""The conferences part's pages (namespace "democracy"); see docs/democracy/conferences.md."""

from django.urls import path

from danvan.democracy.views import conferences as views

urlpatterns: list = [
    path("dan-chu/hoi-nghi/<int:pk>/", views.conference_public, name="conference_public"),
    path("van-hanh/dan-chu/hoi-nghi/", views.conference_list, name="conference_list"),
    path("van-hanh/dan-chu/hoi-nghi/ghi/<int:village_id>/", views.conference_new, name="conference_new"),
    path("van-hanh/dan-chu/hoi-nghi/muc/<int:pk>/", views.conference_item_update, name="conference_item_update"),
    path("van-hanh/dan-chu/hoi-nghi/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("van-hanh/dan-chu/hoi-nghi/<int:pk>/in/", views.conference_print, name="conference_print"),
]
