"""Consultations: the participation part's pages (parse, call a service or selector, render)."""
