"""Consultations: the participation part's selectors (reads only)."""
