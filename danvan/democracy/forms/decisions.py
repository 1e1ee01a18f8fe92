"""The decisions part's forms."""
