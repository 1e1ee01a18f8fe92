"""django-helpdesk mounted at the site root, after the admin (as helpdesk's install docs say)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("helpdesk.urls", namespace="helpdesk")),
]
