"""Consultations: the maps part's REST operations (paths under /consultations/, operation ids
``danvan_api_consultations_maps_*``)."""

from ninja import Router

router = Router(tags=["consultations"])
