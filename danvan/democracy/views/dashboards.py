"""The dashboards part's views."""
