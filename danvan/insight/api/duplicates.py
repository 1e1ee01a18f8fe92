"""The same-matter part's REST endpoints (mounted by api/__init__.py): the cases like one case that the caller
may open, and the public look-up the petition form makes before sending.

Thin over ``selectors.duplicates``. ``GET /insight/cases/{case_id}/same-matter``: for whoever may open the
case (a session, or a key with ``staff_read``; 404 otherwise); only cases the caller may open are listed or
weigh in the ranking (a tố cáo only for who may read it). ``POST /insight/similar-public``: no account; only
reports on the public feed (never a khiếu nại, a tố cáo or a private case), nothing while a complaint or a
denunciation is written; limited per address together with the form's ``/y-kien-tuong-tu.json``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from danvan.insight.api.common import InsightCase, case_brief, case_for
from danvan.insight.selectors import duplicates as selectors
from danvan.rest.auth import Budget, principal, staff_user
from danvan.rest.schemas import ERRORS, Input

router = Router(tags=["insight"])


class InsightSimilarCase(InsightCase):
    score: float = Field(..., description="How alike, 0–1")
    linked: bool = Field(..., description="Linked with the case as one matter")


class InsightSameMatter(Schema):
    case_id: int
    similar: list[InsightSimilarCase] = Field(..., description="Best first, at most ten")
    linked_elsewhere: list[InsightCase] = Field(..., description="Linked cases the ranking did not bring")


class InsightTypedPetition(Input):
    title: str = Field("", max_length=selectors.MAX_FIELD)
    content: str = Field("", max_length=selectors.MAX_FIELD)
    place_text: str = Field("", max_length=300, description="As the citizen writes it: one commune narrows")
    track: str = Field("", max_length=20, description="khieu_nai and to_cao: nothing is looked up")


class InsightPublicReport(Schema):
    code: str = Field(..., description="The report's tracking code on the public feed")
    title: str
    status: str
    status_label: str
    place: str
    received_on: dt.date


class InsightPublicReports(Schema):
    reports: list[InsightPublicReport]


@router.get("/insight/cases/{case_id}/same-matter", response={200: InsightSameMatter, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_insight_same_matter")  # fmt: skip
def same_matter(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The cases like this one that the caller may open (same commune, 90 days before or after), with how alike,
    and the cases linked with it as one matter."""
    user = staff_user(principal(request))
    case = case_for(user, case_id)
    found = selectors.same_matter_for(user=user, case=case)
    ranked = [(s, True) for s in found.linked] + [(s, False) for s in found.similar]
    ranked.sort(key=lambda t: (-t[0].score, t[0].case.pk))  # best first, as similar_for_case ranks them
    return {"case_id": case.pk,
            "similar": [{**case_brief(s.case), "score": round(s.score, 4), "linked": linked} for s, linked in ranked],
            "linked_elsewhere": [case_brief(c) for c in found.linked_elsewhere]}  # fmt: skip


@router.post("/insight/similar-public", response={200: InsightPublicReports, **ERRORS}, tags=["insight"],
             operation_id="danvan_api_insight_similar_public")  # fmt: skip
def similar_public(request: HttpRequest, payload: InsightTypedPetition) -> dict[str, Any]:
    """Public reports like the petition being typed (no account needed): empty for a text too short to say
    anything, and for a complaint or a denunciation. 429 past the form's limit per address."""
    # A read-only look-up a citizen makes at every pause while typing: counted in the form's own budget (one
    # per address whichever door the look-up uses, ``/y-kien-tuong-tu.json`` too), not in the API's general
    # write budget, which an office's staff share behind one address.
    principal(
        request, write=True, budget=Budget(selectors.PUBLIC_SCOPE, selectors.PUBLIC_LIMIT, selectors.PUBLIC_WINDOW)
    )
    found = selectors.similar_public(title=payload.title, content=payload.content, place_text=payload.place_text,
                                     track=payload.track)  # fmt: skip
    return {"reports": [
        {"code": c.tracking_code, "title": c.public_title, "status": c.status,
         "status_label": str(c.get_status_display()),
         "place": c.place_unit.name if c.place_unit else "", "received_on": c.received_on}
        for c in found
    ]}  # fmt: skip
