"""Consultations: the dashboards part's pages (parse, call a service or selector, render)."""
