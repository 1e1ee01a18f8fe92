"""Consultations: the maps part's REST operations (paths under /consultations/, operation ids
``danvan_api_consultations_maps_*``).

``GET /consultations/{code}/map``: the latest opinion map of a public consultation — its groups and what
sets each apart, every statement's figures, the common ground and the divisive statements, how each
section fared, and the chart's points (position and group only: no participant's id, in an order that
says nothing about who). Public; the same figures as the map page (``selectors.maps.map_view``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from danvan.consultations.selectors import maps as selectors
from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.rest.auth import principal
from danvan.rest.schemas import ERRORS

router = Router(tags=["consultations"])


class MapStatementOut(Schema):
    id: str
    text: str
    section_key: str = Field(..., description="empty: on the whole draft")
    agree: int
    disagree: int
    passed: int
    group_agree: list[float] = Field(..., description="each group's (Laplace-smoothed) share of agree, in group order")
    consensus: float = Field(..., description="group-informed consensus: the product of the groups' agreement")
    divisiveness: float = Field(..., description="how far apart the groups' agreement is")


class RepresentativeOut(Schema):
    statement: str = Field(..., description="the statement's id")
    direction: str = Field(..., description="agree or disagree")
    group_share: float
    rest_share: float
    sentence: str


class GroupOut(Schema):
    id: int
    label: str
    size: int
    share: float = Field(..., description="of the people placed on the map")
    representative: list[RepresentativeOut]


class MapSectionOut(Schema):
    key: str
    heading: str
    statements: int
    votes: int
    mean_agree: float | None
    consensus: int
    divisive: int


class PointOut(Schema):
    x: float
    y: float
    group: int


class CentroidOut(Schema):
    group: int
    label: str
    x: float
    y: float


class MapOut(Schema):
    code: str
    computed: bool = Field(..., description="false: no map computed yet (every list empty)")
    ready: bool = Field(..., description="enough people placed to draw groups")
    computed_at: dt.datetime | None
    method: str
    participants_placed: int
    participants_seen: int
    votes: int
    min_placed: int
    groups: list[GroupOut]
    statements: list[MapStatementOut]
    consensus: list[str] = Field(..., description="statement ids, best first")
    divisive: list[str] = Field(..., description="statement ids, the most divisive first")
    sections: list[MapSectionOut]
    chart_width: int
    chart_height: int
    points: list[PointOut] = Field(..., description="chart coordinates; no identity")
    centroids: list[CentroidOut]


def _statement(s: selectors.StatementRow) -> dict[str, Any]:
    return {"id": s.id, "text": s.text, "section_key": s.section_key, "agree": s.agree, "disagree": s.disagree,
            "passed": s.passed, "group_agree": list(s.group_agree), "consensus": s.consensus,
            "divisiveness": s.divisiveness}  # fmt: skip


@router.get("/consultations/{code}/map", response={200: MapOut, **ERRORS},
            summary="A consultation's latest opinion map (aggregates only)",
            operation_id="danvan_api_consultations_maps_read")  # fmt: skip
def map_read(request: HttpRequest, code: str) -> dict[str, Any]:
    """Public. Groups, statements' figures, common ground, divisive statements, sections and the chart's
    points — never who voted what."""
    principal(request)
    consultation = selectors.public_consultation(code[:60])
    if consultation is None:
        raise NotFound("no such consultation")
    view = selectors.map_view(consultation)
    out: dict[str, Any] = {
        "code": consultation.code, "computed": view is not None, "ready": bool(view and view.ready),
        "computed_at": clock.local(view.computed_at) if view else None, "method": view.method if view else "",
        "participants_placed": view.placed if view else 0, "participants_seen": view.seen if view else 0,
        "votes": view.votes if view else 0, "min_placed": selectors.MIN_PLACED,
        "groups": [], "statements": [], "consensus": [], "divisive": [], "sections": [],
        "chart_width": selectors.CHART_W, "chart_height": selectors.CHART_H, "points": [], "centroids": [],
    }  # fmt: skip
    if view is None:
        return out
    out["statements"] = [_statement(s) for s in view.statements]
    out["consensus"] = [s.id for s in view.consensus]
    out["divisive"] = [s.id for s in view.divisive]
    out["sections"] = [
        {"key": s.key, "heading": s.heading, "statements": s.statements, "votes": s.votes,
         "mean_agree": s.mean_agree, "consensus": s.consensus, "divisive": s.divisive}
        for s in view.sections
    ]  # fmt: skip
    out["groups"] = [
        {"id": g.id, "label": g.label, "size": g.size, "share": g.share,
         "representative": [{"statement": r.statement.id, "direction": r.direction, "group_share": r.group_share,
                             "rest_share": r.rest_share, "sentence": r.sentence} for r in g.representative]}
        for g in view.groups
    ]  # fmt: skip
    out["points"] = [{"x": d.x, "y": d.y, "group": d.group} for d in view.dots]
    out["centroids"] = [{"group": g.id, "label": g.label, "x": g.cx, "y": g.cy} for g in view.groups]
    return out
