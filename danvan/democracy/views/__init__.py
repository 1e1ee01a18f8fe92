"""Grassroots democracy's pages, one module per part."""
