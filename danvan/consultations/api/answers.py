"""Consultations: the answers part's REST operations (paths under /consultations/, operation ids
``danvan_api_consultations_answers_*``)."""

from ninja import Router

router = Router(tags=["consultations"])
