"""Grassroots democracy's forms, one module per part."""
