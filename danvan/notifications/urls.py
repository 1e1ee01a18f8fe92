"""The notification pages. No ``app_name``: web/urls.py includes these inside the ``web`` namespace,
so the names (``web:notification_list``) and paths stayed those of before the move."""

from django.urls import path

from danvan.notifications import views

urlpatterns = [
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/da-doc/", views.notification_mark_read, name="notification_mark_read"),
]
