"""Consultations: the maps part's selectors (reads only)."""
