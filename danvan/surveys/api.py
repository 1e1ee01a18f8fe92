"""Satisfaction over the REST API: questionnaires, case ratings, partners' survey answers, public indices.

Thin over ``danvan.surveys``: ratings and answers go through ``services.responses`` (which validates
them against the template and stores them apart from who gave them); indices are the stored
``IndexSnapshot`` rows read through ``selectors``. An index resting on fewer respondents than the
methodology's ``min_sample`` is published as a count only: its index, interval, rank and factors are
never sent, although the snapshot row holds them.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as Reply

from danvan.core import clock, parsing, periods
from danvan.core.errors import DomainError, NotFound
from danvan.core.periods import Period
from danvan.partners.choices import Scope
from danvan.rest.auth import ApiError, principal
from danvan.rest.schemas import ERRORS, MAX_ID, MAX_PAGE_SIZE, Error
from danvan.surveys import api_schemas as schemas
from danvan.surveys import selectors
from danvan.surveys.choices import Likert, ScopeKind, Source
from danvan.surveys.models import IndexSnapshot, Methodology, SurveyTemplate
from danvan.surveys.services import invitations, responses

# Operation ids are pinned to those the API published before the router moved into surveys: partners
# generate clients from them (danvan/api/tests/test_openapi_snapshot.py).
router = Router(tags=["satisfaction"])

DEFAULT_TEMPLATE = "case-rating"
PERIOD_HELP = "2026, 2026-Q1 or 2026-02 (matching period_kind); empty: the current period"
PeriodKindParam = Literal["month", "quarter", "year"]


def _template(code: str) -> SurveyTemplate:
    template = selectors.template_by_code(code)
    if template is None:
        raise NotFound("template not found")
    return template


def _methodology(m: Methodology) -> dict[str, Any]:
    return {"code": m.code, "version": m.version, "name": m.name, "mark": m.mark,
            "satisfied_values": list(m.satisfied_values), "excluded_values": list(m.excluded_values),
            "min_sample": m.min_sample, "confidence": m.confidence}  # fmt: skip


def _answers(items: list[schemas.AnswerIn]) -> dict[tuple[str, str], int]:
    """The body's list as the services' ``{(criterion, aspect): value}``; a question twice is refused."""
    answers: dict[tuple[str, str], int] = {}
    for position, item in enumerate(items):
        key = (item.criterion, str(item.aspect))
        if key in answers:
            raise ApiError(422, "invalid", _("Please correct the marked fields."),
                           details={f"answers.{position}": _("This question is answered twice.")})  # fmt: skip
        answers[key] = item.value
    return answers


def _period(kind: str, text: str) -> Period:
    """The period written as 2026, 2026-Q1 or 2026-02, of ``kind``; empty: the current one."""
    if not text:
        return Period.holding(kind, clock.today())
    period = periods.parse(text)
    if period is None or period.kind != kind:
        message = _("Write the period as 2026 for a year, 2026-Q1 for a quarter or 2026-02 for a month, "
                    "matching period_kind.")  # fmt: skip
        raise ApiError(422, "invalid", message, details={"period": message})
    return period


def _period_out(period: Period) -> dict[str, Any]:
    return {"kind": period.kind, "start": period.start, "end": period.end, "label": period.label}


def _factors(factors: dict[str, selectors.Published] | None) -> list[dict[str, Any]] | None:
    if factors is None:
        return None
    return [
        {"code": code, "index": f.index, "lower": f.lower, "upper": f.upper, "n": f.n} for code, f in factors.items()
    ]


def _numbers(score: selectors.Published) -> dict[str, float | None]:
    """The index and its interval as published (``selectors.Published``: none of them when too few)."""
    return {"index": score.index, "lower": score.lower, "upper": score.upper}


def _point(snapshot: IndexSnapshot) -> dict[str, Any]:
    return {"period": _period_out(Period(snapshot.period_kind, snapshot.period_start)),
            **_numbers(selectors.published_snapshot(snapshot)), "respondents": snapshot.respondents,
            "too_few": snapshot.too_few}  # fmt: skip


def _row(row: selectors.RankingRow) -> dict[str, Any]:
    snapshot = row.snapshot
    place = snapshot.organization if snapshot.scope_kind == ScopeKind.ORGANIZATION else snapshot.unit
    ranked = row.ranked  # ``ranking`` leaves small samples unranked
    return {
        "scope": snapshot.scope_kind, "id": int(snapshot.scope_key), "name": place.name if place else "",
        "rank": ranked.rank if ranked else None, "rank_best": ranked.best if ranked else None,
        "rank_worst": ranked.worst if ranked else None, **_numbers(row.score), "respondents": snapshot.respondents,
        "too_few": snapshot.too_few, "factors": _factors(row.factors),
    }  # fmt: skip


# --- questionnaires ----------------------------------------------------------------------------------


@router.get("/surveys/templates/{code}", response={200: schemas.SurveyTemplateOut, **ERRORS},
            summary="Read a questionnaire", operation_id="danvan_api_surveys_template_read")  # fmt: skip
def template_read(request: HttpRequest, code: str) -> dict[str, Any]:
    """A survey template (``case-rating``, ``sipas-2017``, ``papi-local`` …): its factors, its questions in
    the order a respondent sees them, with the aspects each is asked in, the answer scale and the
    methodology its index is computed with. Public."""
    principal(request)
    template = _template(code)
    criteria: dict[int, dict[str, Any]] = {}
    for question in responses.questions_for(template):
        c = question.criterion
        entry = criteria.setdefault(c.pk, {"code": c.code, "text": c.text, "text_en": c.text_en, "aspects": [],
                                           "factor": c.factor.code if c.factor else None,
                                           "tracks": list(c.tracks or [])})  # fmt: skip
        entry["aspects"].append(question.aspect)
    return {
        "code": template.code, "kind": template.kind, "name": template.name, "name_en": template.name_en,
        "mark": template.mark, "edit_window_days": template.edit_window_days, "is_active": template.is_active,
        "methodology": _methodology(template.methodology),
        "factors": [{"code": f.code, "name": f.name, "name_en": f.name_en} for f in template.factors.all()],
        "criteria": list(criteria.values()),
        "scale": [{"value": value, "label": str(label)} for value, label in Likert.choices],
    }  # fmt: skip


# --- answers ---------------------------------------------------------------------------------------


@router.post("/ratings", response={200: schemas.RatingOut, 201: schemas.RatingOut, **ERRORS},
             summary="Rate how a case was handled", operation_id="danvan_api_surveys_rating_create")  # fmt: skip
def rating_create(request: HttpRequest, payload: schemas.RatingIn) -> Reply:
    """The citizen's rating of an answered case, with the token of their rating link (sent with the answer).
    Every satisfaction question of the ``case-rating`` template needs an answer (0: no opinion). 201: the
    rating is stored; 200: it was changed within its edit window (``editable_until``). Public, limited per
    client address; the token is a secret and is never echoed."""
    principal(request, write=True)
    answers = _answers(payload.answers)
    # The link's state before the call tells a first rating from a change (one invitation, one rating).
    first = invitations.rating_state(payload.token).state != "editable"
    response = responses.rating_submit(token=payload.token, answers=answers, comment=payload.comment)
    until = response.editable_until
    # Vietnam time, whether the value was just computed or read back from the database (UTC).
    return Reply(201 if first else 200, {"created": first, "editable_until": localtime(until) if until else None})


@router.post("/surveys/{campaign_code}/responses",
             response={200: schemas.CampaignResponseOut, 201: schemas.CampaignResponseOut, 409: Error,
                       **ERRORS},
             summary="Send one answer to a survey campaign",
             operation_id="danvan_api_surveys_campaign_response_create")  # fmt: skip
def campaign_response_create(request: HttpRequest, campaign_code: str, payload: schemas.CampaignResponseIn) -> Reply:
    """One filled questionnaire from a partner's kiosk, tablet or app, for an open campaign. Needs an API key
    with the ``submit`` scope. ``idempotency_key`` identifies the answer for this key: a retry with the same
    one returns the stored answer (200, same ``id``) instead of a second one (201); used for another
    campaign it answers 409. ``device_id`` counts against the campaign's per-device limit."""
    p = principal(request, write=True)
    if p.key is None:
        raise ApiError(401, "not_authenticated", _("Send an API key with the submit scope."))
    if not p.may(Scope.SUBMIT):
        raise ApiError(403, "scope_missing", _("This API key may not submit survey answers."))
    campaign = selectors.campaign_by_code(campaign_code)
    if campaign is None:
        raise NotFound("campaign not found")
    answers = _answers(payload.answers)
    try:
        response, created = responses.campaign_submit(
            campaign=campaign, organization_id=payload.organization_id, unit_id=payload.unit_id, answers=answers,
            comment=payload.comment, nonce=f"api:{p.key.pk}:{payload.idempotency_key}",
            device=payload.device_id or "", source=Source.API,
        )  # fmt: skip
    except DomainError as exc:
        if exc.code != "nonce_reused":
            raise
        raise ApiError(409, "idempotency_key_reused",
                       _("This idempotency_key was already used for an answer to another survey.")) from None  # fmt: skip
    return Reply(201 if created else 200, {"id": response.pk, "created": created})


# --- indices ----------------------------------------------------------------------------------------


@router.get("/indices", response={200: schemas.IndexPage, **ERRORS}, summary="Satisfaction indices, ranked",
            operation_id="danvan_api_surveys_index_list")  # fmt: skip
def index_list(
    request: HttpRequest,
    template: str = Query(DEFAULT_TEMPLATE, max_length=40),
    scope: Literal["organization", "unit"] = "organization",
    period_kind: PeriodKindParam = "year",
    period: str = Query("", max_length=10, description=PERIOD_HELP),
    province: int | None = Query(None, ge=1, le=MAX_ID, description="Only bodies or places in this province (unit id)"),
    page: int = Query(1, ge=1, le=parsing.MAX_PAGE),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """The published indices of one period for every body (or place), ranked best first with the range of
    ranks their confidence intervals allow; those with fewer respondents than ``min_sample`` come last,
    unranked, with their count and no number. Public."""
    principal(request)
    tpl = _template(template)
    chosen = _period(period_kind, period)
    rows = selectors.ranking(tpl, period_kind, chosen.start, province_id=province, scope_kind=scope)
    chunk = rows[(page - 1) * page_size : page * page_size]
    return {
        "count": len(rows), "page": page, "page_size": page_size, "template": tpl.code,
        "methodology": _methodology(tpl.methodology), "period": _period_out(chosen),
        "results": [_row(r) for r in chunk],
    }  # fmt: skip


@router.get("/indices/organizations/{organization_id}", response={200: schemas.OrganizationIndex, **ERRORS},
            summary="One body's index: a period and its monthly trend",
            operation_id="danvan_api_surveys_index_organization")  # fmt: skip
def index_organization(
    request: HttpRequest,
    organization_id: int,
    template: str = Query(DEFAULT_TEMPLATE, max_length=40),
    period_kind: PeriodKindParam = "year",
    period: str = Query("", max_length=10, description=PERIOD_HELP),
) -> dict[str, Any]:
    """One body's published index for the chosen period, with its factors, and its last 12 months. A period
    with too few respondents shows its count and no number. 404 for a body without any published index."""
    principal(request)
    if not 1 <= organization_id <= MAX_ID:
        raise NotFound("organization not found")
    tpl = _template(template)
    chosen_period = _period(period_kind, period)
    key = str(organization_id)
    trend = selectors.trend(tpl, scope_kind=ScopeKind.ORGANIZATION, scope_key=key)
    chosen = selectors.snapshot_for(tpl, scope_kind=ScopeKind.ORGANIZATION, scope_key=key, period_kind=period_kind,
                                    period_start=chosen_period.start)  # fmt: skip
    any_snapshot = chosen or (trend[-1] if trend else None)
    if any_snapshot is None or any_snapshot.organization is None:
        raise NotFound("no index for this organization")
    return {
        "id": organization_id, "name": any_snapshot.organization.name, "template": tpl.code,
        "methodology": _methodology(tpl.methodology), "period": _period_out(chosen_period),
        "current": _point(chosen) if chosen else None, "factors": _factors(selectors.published_factors(chosen)),
        "trend": [_point(s) for s in trend],
    }  # fmt: skip
