"""The boards part's views."""
