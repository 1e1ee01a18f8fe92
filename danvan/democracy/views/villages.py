"""The villages part's views."""
