"""The routing part's REST endpoints (mounted by api/__init__.py): the routing suggestions of a case waiting
at its body, and the clerk's choice. For whoever the case page shows the triage panel to
(``selectors.route.route_triage_refusal``: who may handle the case, while it is received, never on a tố
cáo), through a session or a key with ``staff_read`` (``staff_act`` to choose).

Thin over ``services.route`` (``route_suggestions_for``, ``route_choose``). A case the caller may not open,
and every tố cáo, is 404 (no suggestion exists for a denunciation); a case they open but may not handle is
403 ``forbidden``; a case no longer received is 400 ``insight_route_not_waiting``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from danvan.cases.models import Case
from danvan.cases.selectors import case_may_view
from danvan.core.errors import NotFound
from danvan.insight import errors as codes
from danvan.insight.api.common import case_for
from danvan.insight.selectors import route as selectors
from danvan.insight.services import route as services
from danvan.rest.auth import ApiError, principal, staff_actor, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID, Input

router = Router(tags=["insight"])


class InsightRouteSuggestion(Schema):
    topic: str = Field(..., description="The topic's code")
    topic_name: str
    body_id: int
    body: str
    confidence: float = Field(..., description="P(topic | text) × P(body | track, topic, place), 0–1")
    current: bool = Field(..., description="The case's topic and body are this suggestion now")


class InsightRouteSuggestions(Schema):
    case_id: int
    off: bool = Field(..., description="Suggestions are off (no model in use, or it cannot be read)")
    off_reason: str = Field(..., description="Why they are off, for the clerk; empty when on")
    auto: bool = Field(..., description="The case was routed automatically by this suggestion's version")
    version: int | None
    threshold: float | None = Field(..., description="The version's confidence for automatic routing")
    suggestions: list[InsightRouteSuggestion] = Field(..., description="At most three, most likely first")


class InsightRouteChoiceIn(Input):
    topic: str = Field(..., max_length=60, description="A topic's code (a suggestion's, or another in use)")
    body_id: int = Field(..., ge=1, le=MAX_ID)


class InsightRouted(Schema):
    case_id: int
    topic: str | None
    handling_body_id: int | None
    handling_body: str | None
    may_open: bool = Field(..., description="false: the case went to a body the caller does not see")


def _triaged(user: Any, case_id: int) -> Case:
    """The case when ``user`` may triage it (the panel's rule), else the answer that rule gives."""
    case = case_for(user, case_id)
    refusal = selectors.route_triage_refusal(user, case)
    if refusal == selectors.NOT_TRIAGED_TO_CAO:
        raise NotFound("case not found")
    if refusal == selectors.NOT_HANDLER:
        raise ApiError(403, "forbidden", _("You may not do this."))
    if refusal == selectors.NOT_WAITING:
        raise ApiError(400, codes.ROUTE_NOT_WAITING, _("The case is no longer waiting to be routed."))
    return case


@router.get("/insight/cases/{case_id}/route-suggestions", response={200: InsightRouteSuggestions, **ERRORS},
            tags=["staff"], operation_id="danvan_api_insight_route_suggestions")  # fmt: skip
def route_suggestions(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The routing model's top three (topic, body) for the case with their confidence and whether it routed the
    case itself; or that suggestions are off, and why."""
    user = staff_user(principal(request))
    case = _triaged(user, case_id)
    found = services.route_suggestions_for(case)
    return {"case_id": case.pk, "off": bool(found.off), "off_reason": found.off, "auto": found.auto,
            "version": found.version, "threshold": found.threshold,
            "suggestions": [{"topic": s.topic, "topic_name": s.topic_name, "body_id": s.body, "body": s.body_name,
                             "confidence": round(s.confidence, 4), "current": s.current}
                            for s in found.suggestions]}  # fmt: skip


@router.post("/insight/cases/{case_id}/route", response={200: InsightRouted, **ERRORS}, tags=["staff"],
             operation_id="danvan_api_insight_route_choose")  # fmt: skip
def route_choose(request: HttpRequest, case_id: int, payload: InsightRouteChoiceIn) -> dict[str, Any]:
    """Accept a suggestion or choose another topic and body (kept for the next training): the topic is set and
    another body is a transfer, as on the case page. 400 ``insight_route_choice_unknown`` for a topic or body
    not in use."""
    user = staff_actor(principal(request, write=True))
    case = _triaged(user, case_id)
    moved = services.route_choose(actor=user, case=case, topic_code=payload.topic, organization_id=payload.body_id)
    body = moved.handling_organization
    return {"case_id": moved.pk, "topic": moved.topic.code if moved.topic else None,
            "handling_body_id": moved.handling_organization_id, "handling_body": body.name if body else None,
            "may_open": case_may_view(user, moved)}  # fmt: skip
