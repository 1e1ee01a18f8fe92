"""Writes of grassroots democracy, one module per part; ``rounds`` counts every form of vote alike."""
