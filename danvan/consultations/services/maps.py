"""Consultations: the maps part's services (they change state; each a transaction with its audit)."""
