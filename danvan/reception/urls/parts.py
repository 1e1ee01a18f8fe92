"""Each part's patterns, in the "reception" namespace; each part edits only its own module."""

from django.urls import include, path

urlpatterns = [
    path("", include("danvan.reception.urls.schedule")),
    path("", include("danvan.reception.urls.booking")),
    path("", include("danvan.reception.urls.register")),
    path("", include("danvan.reception.urls.visit_cases")),
    path("", include("danvan.reception.urls.conclusions")),
    path("", include("danvan.reception.urls.dialogues")),
    path("", include("danvan.reception.urls.compliance")),
]
