"""The commitments part's pages (namespace "emulation")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
