"""The villages part's forms."""
