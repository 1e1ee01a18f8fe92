"""Emulation's REST router (mounted by danvan.api.api; paths begin with /emulation/): one router per part,
each in its own module with its schemas; operation ids are pinned (``operation_id=``) so the OpenAPI
snapshot stays stable."""

from ninja import Router

from danvan.emulation.api import commendation, commitments, dvk, evaluation, evaluation_people, training

router = Router()
for part in (dvk, commitments, training, evaluation, evaluation_people, commendation):
    router.add_router("", part.router)
