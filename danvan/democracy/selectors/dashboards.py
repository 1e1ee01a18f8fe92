"""The dashboards part's selectors."""

from __future__ import annotations
