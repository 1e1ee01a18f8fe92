"""Each part's patterns, in the "democracy" namespace; each part edits only its own module."""

from django.urls import include, path

urlpatterns = [
    path("", include("danvan.democracy.urls.villages")),
    path("", include("danvan.democracy.urls.disclosures")),
    path("", include("danvan.democracy.urls.decisions")),
    path("", include("danvan.democracy.urls.voting")),
    path("", include("danvan.democracy.urls.boards")),
    path("", include("danvan.democracy.urls.conferences")),
    path("", include("danvan.democracy.urls.dashboards")),
]
