"""The voting part's forms."""
