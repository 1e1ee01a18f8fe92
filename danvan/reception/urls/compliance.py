"""The compliance part's pages (included by urls/parts.py into the "reception" namespace)."""

urlpatterns: list = []
