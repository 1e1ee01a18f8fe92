"""The per-official figures over the REST API: a unit's officials with their figures for a year, and one
official's figures. Inputs to the head's evaluation: no grade, no score. Thin: identify the caller, call
one selector, render; a unit or an official the caller may not read answers 404 like one that does not
exist (the Chỉ thị 05 reviews' rule)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from danvan.emulation.api.evaluation_schemas import FigureOut
from danvan.emulation.selectors import evaluation_people as sel
from danvan.rest.auth import principal, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID

router = Router(tags=["emulation"])


class PersonLineOut(Schema):
    key: str
    label: str
    source: str
    kind: str = Field(..., description="share (per cent of numerator/denominator) or count")
    measured: bool
    why: str = Field("", description="why it was not measured: no_provider, no_data, not_applicable")
    figure: FigureOut | None = None


class PersonFiguresOut(Schema):
    person_id: int
    person_name: str
    organization_id: int
    organization_name: str
    year: int
    lines: list[PersonLineOut]


def sheet_out(sheet: sel.Sheet) -> dict[str, Any]:
    lines = []
    for line in sheet.lines:
        f = line.measured.figure
        figure = None if f is None else {"value": f.value, "numerator": f.numerator, "denominator": f.denominator,
                                         "lower": f.lower, "upper": f.upper, "link": f.link}  # fmt: skip
        lines.append({"key": line.indicator.key, "label": str(line.indicator.label), "kind": line.indicator.kind,
                      "source": str(line.indicator.source), "measured": f is not None, "why": line.measured.why,
                      "figure": figure})  # fmt: skip
    person = sheet.person
    return {"person_id": person.pk, "person_name": person.get_full_name() or person.get_username(),
            "organization_id": sheet.organization.pk, "organization_name": sheet.organization.name,
            "year": sheet.year, "lines": lines}  # fmt: skip


@router.get("/emulation/evaluations/officials", response={200: list[PersonFiguresOut], **ERRORS},
            operation_id="emulation_evaluation_people_list")  # fmt: skip
def people_list(
    request: HttpRequest,
    organization_id: int = Query(..., ge=1, le=MAX_ID),
    year: int = Query(..., ge=2000, le=2100),
) -> Any:
    """The officials of a unit (a staff role held there during ``year``) with their figures, for the unit's
    head or a dân vận officer evaluating it from above."""
    user = staff_user(principal(request))
    unit = sel.unit_get_for(user=user, pk=organization_id)
    return [sheet_out(s) for s in sel.unit_sheets(unit, year)]


@router.get("/emulation/evaluations/officials/{int:organization_id}/{int:person_id}",
            response={200: PersonFiguresOut, **ERRORS}, operation_id="emulation_evaluation_person_get")  # fmt: skip
def person_get(
    request: HttpRequest, organization_id: int, person_id: int, year: int = Query(..., ge=2000, le=2100)
) -> Any:
    """One official's figures in a unit, for the official, his head or an evaluator from above."""
    user = staff_user(principal(request))
    # An id out of range is not found: person_sheet_for checks it (sel.in_range), for the page too.
    return sheet_out(sel.person_sheet_for(user=user, organization_pk=organization_id, person_pk=person_id, year=year))
