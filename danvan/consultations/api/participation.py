"""Consultations: the participation part's REST operations (paths under /consultations/, operation ids
``danvan_api_consultations_participation_*``)."""

from ninja import Router

router = Router(tags=["consultations"])
