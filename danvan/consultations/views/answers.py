"""Consultations: the answers part's pages (parse, call a service or selector, render)."""
