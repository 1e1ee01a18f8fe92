"""The decisions part's views."""
