"""The compliance part's REST endpoints (mounted by api/__init__.py): a body's reception compliance for a
month, per head and per body, for staff who may read it (a session, or a key with ``staff_read``).

Thin over ``selectors.compliance`` (the same figures as the dashboard). ``ratio`` is null when nothing
was required — never 1.0.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from danvan.core.errors import NotFound
from danvan.org.models import Organization
from danvan.reception.forms.compliance import month_from
from danvan.reception.selectors import compliance as sel
from danvan.rest.auth import ApiError, principal, staff_user
from danvan.rest.schemas import ERRORS, MAX_ID

router = Router(tags=["reception"])


class ComplianceFigures(Schema):
    required: int
    held: int
    held_not_counted: int
    ad_hoc: int
    cancelled: int
    ratio: float | None
    visits: int
    crowds: int
    outcomes_due: int
    outcomes_on_time: int
    outcomes_late: int
    outcomes_overdue: int
    tasks_due: int
    tasks_on_time: int
    tasks_overdue: int
    commitments_due: int
    commitments_kept: int
    commitments_not_kept: int


class ComplianceHead(Schema):
    head_id: int
    head_name: str
    body_id: int
    body_name: str
    figures: ComplianceFigures


class ComplianceBody(Schema):
    body_id: int
    body_name: str
    figures: ComplianceFigures


class ComplianceReport(Schema):
    body_id: int
    month: str
    month_start: dt.date
    month_end: dt.date
    subtree: bool
    heads: list[ComplianceHead]
    bodies: list[ComplianceBody]
    total: ComplianceFigures


def _figures(f: sel.Figures) -> dict[str, Any]:
    ratio = f.ratio
    data = {name: getattr(f, name) for name in f.__dataclass_fields__}
    return {**data, "ratio": None if ratio is None else round(float(ratio), 4)}


@router.get("/reception/compliance", response={200: ComplianceReport, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_reception_compliance_read")  # fmt: skip
def compliance_read(
    request: HttpRequest,
    body: int = Query(..., ge=1, le=MAX_ID),
    month: str = Query(..., max_length=7, description="2026-07"),
    subtree: bool = True,
) -> dict[str, Any]:
    """Sessions required and held per head for a month, with ad hoc sessions, visits, crowds, answers on time,
    conclusion tasks and dialogue commitments; per body and in total. A body the caller may not read is 404."""
    user = staff_user(principal(request))
    period = month_from(month)
    if period is None:
        message = _("Write the month as 2026-07 (year, then month).")
        raise ApiError(422, "invalid", message, details={"month": message})
    top = Organization.objects.filter(pk=body).first()
    if top is None:
        raise NotFound(_("Not found."))
    report = sel.compliance_report(user, top=top, period=period, subtree=subtree)
    return {
        "body_id": top.pk, "month": str(period), "month_start": period.start, "month_end": period.end,
        "subtree": subtree,
        "heads": [{"head_id": r.head.pk, "head_name": r.head.get_full_name() or r.head.get_username(),
                   "body_id": r.organization.pk, "body_name": r.organization.name, "figures": _figures(r.figures)}
                  for r in report.heads],
        "bodies": [{"body_id": b.organization.pk, "body_name": b.organization.name, "figures": _figures(b.figures)}
                   for b in report.bodies],
        "total": _figures(report.total),
    }  # fmt: skip
