"""Consultations: the answers part's selectors (reads only)."""
