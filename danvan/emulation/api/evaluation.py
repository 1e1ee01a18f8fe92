"""The evaluation part over the REST API: read the year's evaluations (ranked) and one with its
indicators, run the proposals, confirm or change a grade. Thin: identify the caller, call one selector or
service, render a schema; refusals become the one error shape at the API root."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from danvan.core.errors import NotFound
from danvan.emulation.api.evaluation_schemas import (
    ConfirmIn,
    EvaluationDetailOut,
    EvaluationOut,
    RunIn,
    RunOut,
    detail_out,
    evaluation_out,
)
from danvan.emulation.selectors import evaluation as sel
from danvan.emulation.services import evaluation as services
from danvan.rest.auth import principal, staff_actor, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID

router = Router(tags=["emulation"])


def _evaluation(user: Any, evaluation_id: int) -> Any:
    """Out of range, missing and forbidden all answer the same 404."""
    if not 1 <= evaluation_id <= MAX_ID:
        raise NotFound("evaluation not found")
    return sel.evaluation_get_for(user=user, pk=evaluation_id)


@router.get("/emulation/evaluations", response={200: list[EvaluationOut], **ERRORS},
            operation_id="emulation_evaluation_list")  # fmt: skip
def evaluation_list(request: HttpRequest, year: int = Query(..., ge=2000, le=2100)) -> Any:
    """The current evaluation of each unit the caller may read for ``year``, best score first."""
    user = staff_user(principal(request))
    return [evaluation_out(r.evaluation, r.rank) for r in sel.year_ranking(user, year=year)]


@router.get("/emulation/evaluations/{int:evaluation_id}", response={200: EvaluationDetailOut, **ERRORS},
            operation_id="emulation_evaluation_get")  # fmt: skip
def evaluation_get(request: HttpRequest, evaluation_id: int) -> Any:
    """One evaluation (any version) with each indicator's figure, points and source."""
    user = staff_user(principal(request))
    return detail_out(_evaluation(user, evaluation_id))


@router.post("/emulation/evaluations/run", response={200: RunOut, **ERRORS}, operation_id="emulation_evaluation_run")
def evaluation_run(request: HttpRequest, payload: RunIn) -> Any:
    """Compute the proposals of ``year`` for the units the caller may evaluate (or those named); confirmed
    evaluations are left as they are. Refused with ``evaluation_not_open`` before the year's opening day (the
    methodology's, 1 December by default)."""
    user = staff_actor(principal(request, write=True))
    result = services.evaluation_run(user=user, organizations=sel.organizations_for_run(user, payload.organization_ids),
                                     year=payload.year)  # fmt: skip
    return {"computed": result.computed, "frozen": result.frozen, "queued": result.queued}


@router.post("/emulation/evaluations/{int:evaluation_id}/confirm", response={200: EvaluationDetailOut, **ERRORS},
             operation_id="emulation_evaluation_confirm")  # fmt: skip
def evaluation_confirm(request: HttpRequest, evaluation_id: int, payload: ConfirmIn) -> Any:
    """The committee confirms the proposal or gives another grade with its reason; on a confirmed one, a change
    makes a new version. Answers the version now current."""
    user = staff_actor(principal(request, write=True))
    evaluation = _evaluation(user, evaluation_id)
    done = services.evaluation_confirm(user=user, evaluation=evaluation, grade=payload.grade, reason=payload.reason)
    return detail_out(done)
