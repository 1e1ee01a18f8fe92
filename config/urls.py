from django.contrib import admin
from django.urls import include, path

from danvan.api.api import api

# Django's own 400 page reads the form again (for a CSRF token) and fails the same way: a 500.
handler400 = "danvan.web.views.bad_request"
# A database outage raised outside a view (core.outage) is a 503 in the interface's format, not a 500.
handler500 = "danvan.core.outage.server_error"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("han-xu-ly/", include("danvan.deadlines.urls")),
    path("api/v1/", api.urls),
    path("open311/v2/", include("danvan.open311.urls")),
    # First of the capabilities mounted at the root: a vote is the busiest request of the site (a
    # consultation's voters, docs/consultations/load.md), and Django tries the includes in order, building
    # the list of every pattern tried in each one that does not match. Its patterns all start with
    # "gop-y/" or "van-hanh/gop-y/", which no other capability uses, so the order changes no page.
    path("", include("danvan.consultations.urls")),
    path("", include("danvan.surveys.urls")),
    path("", include("danvan.reception.urls")),
    path("", include("danvan.democracy.urls")),
    path("", include("danvan.emulation.urls")),
    path("", include("danvan.insight.urls")),
    path("", include("danvan.org.urls")),
    path("", include("danvan.cases.urls")),
    path("", include("danvan.citizens.urls")),
    path("", include("danvan.notifications.urls")),
    path("", include("danvan.web.urls")),
]
