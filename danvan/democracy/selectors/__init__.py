"""Reads of grassroots democracy, one module per part (and ``communes`` for the commune's bodies)."""
