"""Consultations: the dashboards part's selectors (reads only)."""
