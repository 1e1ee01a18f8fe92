"""URLs of the satisfaction screens (staff)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
