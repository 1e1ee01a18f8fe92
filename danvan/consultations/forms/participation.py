"""Consultations: the participation part's forms."""
