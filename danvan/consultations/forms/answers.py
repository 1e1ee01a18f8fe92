"""Consultations: the answers part's forms."""
