"""The disclosures part's REST endpoints; operation ids pinned as danvan_api_democracy_*."""

from ninja import Router

router = Router(tags=["democracy"])
