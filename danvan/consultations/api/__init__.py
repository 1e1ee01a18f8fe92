"""Consultations' REST router (mounted by danvan.api.api; paths begin with /consultations/): one router per
part, each in its own module with its schemas; operation ids are pinned (``operation_id=``) so the
OpenAPI snapshot stays stable."""

from ninja import Router

from danvan.consultations.api import answers, dashboards, drafts, maps, participation

router = Router()
for part in (drafts, participation, maps, answers, dashboards):
    router.add_router("", part.router)
