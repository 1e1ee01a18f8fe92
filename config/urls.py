from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("han-xu-ly/", include("danvan.deadlines.urls")),
    path("", include("danvan.web.urls")),
]
