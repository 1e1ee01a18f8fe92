"""Each part's patterns, in the "consultations" namespace; each part edits only its own module."""

from django.urls import include, path

urlpatterns = [
    path("", include("danvan.consultations.urls.participation")),  # first: the vote (config/urls.py says why)
    path("", include("danvan.consultations.urls.drafts")),
    path("", include("danvan.consultations.urls.maps")),
    path("", include("danvan.consultations.urls.answers")),
    path("", include("danvan.consultations.urls.dashboards")),
]
