"""The disclosures part's views."""
