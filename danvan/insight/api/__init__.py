"""Insight's REST router (mounted by danvan.api.api; paths begin with /insight/): one router per part, each
in its own module with its schemas (``api/<part>.py``, added to ``PARTS``); operation ids are pinned
(``operation_id=``) so the OpenAPI snapshot stays stable. ``api/common.py`` holds what the parts share."""

from types import ModuleType

from ninja import Router

from danvan.insight.api import alerts, duplicates, route, topics

PARTS: tuple[ModuleType, ...] = (alerts, route, duplicates, topics)

router = Router()
for part in PARTS:
    router.add_router("", part.router)
