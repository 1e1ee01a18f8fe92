"""The boards part's forms."""
