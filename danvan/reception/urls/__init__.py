"""Reception's pages, one module per part (schedule, booking, register, visit_cases, conclusions,
dialogues, compliance), all in the "reception" namespace. Mounted at the site root by config/urls.py."""

from django.urls import include, path

app_name = "reception"

urlpatterns = [path("", include("danvan.reception.urls.parts"))]
