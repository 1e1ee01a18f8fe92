"""The disclosures part's forms."""
