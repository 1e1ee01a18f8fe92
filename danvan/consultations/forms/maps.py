"""Consultations: the maps part's forms."""
