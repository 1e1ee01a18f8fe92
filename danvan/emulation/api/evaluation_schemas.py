"""The yearly evaluation's REST schemas."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema

from danvan.rest.schemas import MAX_ID, Input


class FigureOut(Schema):
    value: float
    numerator: int | None = None
    denominator: int | None = None
    lower: float | None = None
    upper: float | None = None
    link: str = ""


class LineOut(Schema):
    key: str
    label: str
    weight: float
    source: str
    measured: bool
    why: str = Field(
        "", description="why it was not measured: no_provider, no_data, too_few, not_applicable, not_due_yet"
    )
    figure: FigureOut | None = None
    points: float | None = None


class EvaluationOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    year: int
    version: int
    status: str = Field(..., description="proposed, confirmed or superseded")
    score: float | None
    measured_share: float
    proposed_grade: str = Field(..., description="xuat_sac, tot, hoan_thanh, khong_hoan_thanh, or empty")
    grade: str
    reason: str
    methodology_id: int
    computed_at: dt.datetime
    measured_on: dt.date = Field(..., description="the day the figures were read (figures as of that day)")
    confirmed_at: dt.datetime | None
    rank: int | None = None


class EvaluationDetailOut(EvaluationOut):
    lines: list[LineOut]


class RunIn(Input):
    year: int = Field(..., ge=2000, le=2100)
    organization_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(
        None, max_length=5000, description="default: every unit the caller may evaluate"
    )


class RunOut(Schema):
    computed: int
    frozen: int
    queued: int


class ConfirmIn(Input):
    grade: str = Field(..., max_length=20)
    reason: str = Field("", max_length=2000)


def evaluation_out(e: Any, rank: int | None = None) -> dict[str, Any]:
    return {"id": e.pk, "organization_id": e.organization_id, "organization_name": e.organization.name,
            "year": e.year, "version": e.version, "status": e.status, "score": e.score,
            "measured_share": e.measured_share, "proposed_grade": e.proposed_grade, "grade": e.grade,
            "reason": e.reason, "methodology_id": e.methodology_id, "computed_at": e.computed_at,
            "measured_on": e.measured_on,
            "confirmed_at": e.confirmed_at, "rank": rank}  # fmt: skip


def detail_out(e: Any) -> dict[str, Any]:
    lines = [{**{k: line.get(k) for k in ("key", "label", "weight", "source", "figure", "points")},
              "why": line.get("why") or "", "measured": line.get("figure") is not None} for line in e.lines]  # fmt: skip
    return {**evaluation_out(e), "lines": lines}
