"""The dashboards part's forms."""
