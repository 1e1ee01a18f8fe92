"""The booking part's REST endpoints (mounted by api/__init__.py)."""

from ninja import Router

router = Router(tags=["reception"])
