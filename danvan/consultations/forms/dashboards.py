"""Consultations: the dashboards part's forms."""
