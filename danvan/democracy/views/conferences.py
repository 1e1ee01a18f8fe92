"""The conferences part's views."""
