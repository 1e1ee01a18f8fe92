"""Grassroots democracy's REST router (mounted by danvan.api.api; each part's paths begin with /democracy/): one router per
part, each in its own module with its schemas; operation ids are pinned (``operation_id=``) so the
OpenAPI snapshot stays stable."""

from ninja import Router

from danvan.democracy.api import boards, conferences, dashboards, decisions, disclosures, villages, voting

router = Router()
for part in (villages, disclosures, decisions, voting, boards, conferences, dashboards):
    router.add_router("", part.router)
