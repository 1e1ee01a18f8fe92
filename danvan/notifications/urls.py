"""The notification pages, in their own namespace (``notifications:``); included by config/urls.py."""

from django.urls import path

from danvan.notifications import views

app_name = "notifications"

urlpatterns = [
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/da-doc/", views.notification_mark_read, name="notification_mark_read"),
]
