"""The conferences part's services."""

from __future__ import annotations
