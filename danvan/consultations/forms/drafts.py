"""Consultations: the drafts part's forms."""
