"""Consultations: the maps part's pages (parse, call a service or selector, render)."""
