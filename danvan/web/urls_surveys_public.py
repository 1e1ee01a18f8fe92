"""URLs of the satisfaction screens (public)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
