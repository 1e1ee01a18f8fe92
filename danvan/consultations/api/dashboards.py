"""Consultations: the dashboards part's REST operations (paths under /consultations/, operation ids
``danvan_api_consultations_dashboards_*``)."""

from ninja import Router

router = Router(tags=["consultations"])
