"""Consultations: the drafts part's pages (parse, call a service or selector, render)."""
