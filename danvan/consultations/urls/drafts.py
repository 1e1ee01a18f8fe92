"""Consultations: the drafts part's pages, in the "consultations" namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
