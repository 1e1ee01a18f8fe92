"""Reception's REST router (mounted by danvan.api.api): one router per part, each in its own module
with its schemas; operation ids are pinned (``operation_id=``) so the OpenAPI snapshot stays stable."""

from ninja import Router

from danvan.reception.api import booking, compliance, conclusions, dialogues, register, schedule, visit_cases

router = Router()
for part in (schedule, booking, register, visit_cases, conclusions, dialogues, compliance):
    router.add_router("", part.router)
