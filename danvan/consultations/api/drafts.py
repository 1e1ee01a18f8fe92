"""Consultations: the drafts part's REST operations (paths under /consultations/, operation ids
``danvan_api_consultations_drafts_*``)."""

from ninja import Router

router = Router(tags=["consultations"])
