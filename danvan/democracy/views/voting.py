"""The voting part's views."""
