"""The decisions part's selectors."""

from __future__ import annotations
