"""The conferences part's pages (namespace "democracy"); see docs/democracy.md."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
