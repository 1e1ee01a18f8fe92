"""Consultations: the drafts part's selectors (reads only)."""
