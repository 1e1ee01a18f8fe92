"""The conferences part's forms."""
