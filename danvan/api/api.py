"""The REST API at /api/v1/ (django-ninja): schema at /api/v1/openapi.json, docs at /api/v1/docs.

Thin over the apps: each handler identifies the caller (``auth.principal``), calls one service or
selector, and renders a schema. Errors have one shape (``schemas.Error``): a machine ``code``, a
``message`` in the caller's language (Accept-Language; Vietnamese by default) and ``details``.

This module holds the API object, the error handlers, cases in and out, units and bodies; the steps
staff take on a case are in ``case_actions``, satisfaction (ratings, surveys, indices) in ``danvan.surveys.api``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import BadRequest
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja import Status as Reply
from ninja.errors import HttpError, ValidationError

from danvan.api import case_actions
from danvan.cases import transitions
from danvan.cases.choices import Channel, Status, Track
from danvan.cases.models import Case
from danvan.cases.selectors import InboxFilters, case_get_by_link, case_list_for
from danvan.cases.services.intake import IdempotencyConflict, Petition, case_submit
from danvan.core import clock, parsing
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.core.outage import database_errors
from danvan.org.selectors import organization_list_for, unit_search
from danvan.partners.choices import Scope
from danvan.partners.selectors import api_key_case_ids
from danvan.partners.services import api_key_submission_record
from danvan.rest import schemas
from danvan.rest.auth import ApiError, Principal, principal, staff_user
from danvan.rest.schemas import ERRORS, MAX_PAGE_SIZE
from danvan.surveys.api import router as surveys_router

api = NinjaAPI(
    title="Dân Vận Số API",
    version="1.0.0",
    description="Petitions, cases and the steps staff take on them, satisfaction ratings, surveys and indices, "
    "units and bodies. See docs/api.md for keys, scopes and examples.",
    urls_namespace="api",
)


def _error(request: HttpRequest, status: int, code: str, message: str, details: dict[str, str] | None = None,
           retry_after: int | None = None) -> HttpResponse:  # fmt: skip
    response = api.create_response(request, {"code": code, "message": message, "details": details or {}},
                                   status=status)  # fmt: skip
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _error(request, exc.status, exc.code, exc.message, exc.details, exc.retry_after)


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return _error(request, 404, "not_found", _("Not found."))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "forbidden", _("You may not do this."))


def _detail_text(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list | tuple | set) else str(value)


@api.exception_handler(DomainError)
def _domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, 400, exc.code, str(exc.message), {k: _detail_text(v) for k, v in exc.details.items()})


# A body whose ``action`` (the discriminator of schemas.CaseStep) is missing or unknown.
_UNKNOWN_TAG = {"union_tag_invalid", "union_tag_not_found"}


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details: dict[str, str] = {}
    for e in exc.errors:
        where = ".".join(str(p) for p in e.get("loc", [])[1:]) or "body"
        if e.get("type") in _UNKNOWN_TAG:
            details[f"{where}.action"] = _("Unknown action. Choose one of: %(actions)s.") % {
                "actions": ", ".join(case_actions.ACTIONS)
            }
        else:
            details[where] = str(e.get("msg", ""))
    return _error(request, 422, "invalid", _("Please correct the marked fields."), details)


@api.exception_handler(BadRequest)
def _unreadable(request: HttpRequest, exc: BadRequest) -> HttpResponse:
    return _error(request, 400, "bad_request", _("The request could not be read."))


def outage_response(request: HttpRequest) -> HttpResponse:
    """503 in this API's error shape while the database is away (core.outage)."""
    from danvan.core.outage import RETRY_AFTER

    message = _("The service is briefly unavailable. Please try again in a minute.")
    return _error(request, 503, "unavailable", message, retry_after=RETRY_AFTER)


def _database_away(request: HttpRequest, exc: Exception) -> HttpResponse:
    from danvan.core.outage import outage_response as logged_outage

    return logged_outage(request, exc)


for _away in database_errors():
    api.add_exception_handler(_away, _database_away)  # type: ignore[arg-type,type-var]


@api.exception_handler(HttpError)
def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "bad_request", str(exc))


def _page(items: QuerySet[Any], page: int, page_size: int) -> tuple[int, list[Any]]:
    return items.count(), list(items[(page - 1) * page_size : page * page_size])


def _body(case: Case) -> str | None:
    return case.handling_organization.name if case.handling_organization else None


# --- cases ------------------------------------------------------------------------------------


@api.post("/cases", response={200: schemas.CaseCreated, 201: schemas.CaseCreated, **ERRORS}, tags=["cases"])
def case_create(request: HttpRequest, payload: schemas.CaseCreate) -> Reply:
    """Send a petition. Partners need the ``submit`` scope; a retry with the same ``Idempotency-Key``
    header and the same body returns the stored case with its ``access_token`` (200) instead of a new
    one (201); the same key with another body is refused (409 ``idempotency_conflict``). Keys are
    scoped to the caller: another key or account using the same header value sends a new petition."""
    p = principal(request, write=True)
    if p.key is not None and not p.may(Scope.SUBMIT):
        raise ApiError(403, "scope_missing", _("This API key may not submit petitions."))
    if p.key is None and p.user is None:
        raise ApiError(401, "not_authenticated", _("Sign in or send an API key."))
    idempotency = request.headers.get("Idempotency-Key", "").strip()[:80]
    if p.key is not None and idempotency:
        idempotency = f"{p.key.prefix}:{idempotency}"  # one partner's keys never collide with another's
    elif idempotency:
        idempotency = f"u{p.user.pk}:{idempotency}"
    petition = Petition(
        content=payload.content, title=payload.title, track=payload.kind, topic_code=payload.topic_code,
        place_text=payload.place_text, place_unit_id=payload.place_unit_id, latitude=payload.latitude,
        longitude=payload.longitude, name=payload.name, phone=payload.phone, email=payload.email,
        address=payload.address, is_anonymous=payload.is_anonymous, people_count=payload.people_count,
        consent=payload.consent,
        consent_text=f"REST API consent=true ({'key ' + p.key.prefix if p.key else 'session'})",
    )  # fmt: skip
    try:
        # One transaction: a case stored is always one the key can read back (nothing left for after the commit).
        with transaction.atomic():
            submitted = case_submit(actor=p.actor, petition=petition, channel=Channel.API, idempotency_key=idempotency)
            if p.key is not None:
                api_key_submission_record(api_key=p.key, case_id=submitted.case.pk)
    except IdempotencyConflict as exc:
        raise ApiError(409, exc.code, str(exc.message)) from None
    case = submitted.case
    body = {"tracking_code": case.tracking_code, "access_token": submitted.access_token,
            "created": submitted.created, "status": case.status, "due_on": case.due_on}  # fmt: skip
    return Reply(201 if submitted.created else 200, body)


@api.get("/cases/track/{tracking_code}", response={200: schemas.CasePublic, **ERRORS}, tags=["cases"])
def case_track(request: HttpRequest, tracking_code: str, token: str = "") -> dict[str, Any]:
    """Look a case up by tracking code: with the private link's ``token``, or by the partner that sent
    it (``read_own``). A tố cáo is never shown to a partner."""
    p = principal(request)
    case: Case | None
    if token:
        case = case_get_by_link(tracking_code=tracking_code, token=token)
    elif p.may(Scope.READ_OWN) and p.key is not None:
        case = (
            Case.objects.filter(tracking_code=tracking_code.strip().upper(), pk__in=api_key_case_ids(api_key=p.key))
            .exclude(track=Track.TO_CAO)
            .select_related("handling_organization")
            .first()
        )
        if case is None:
            raise NotFound("case not found")
    else:
        raise NotFound("case not found")
    return {"tracking_code": case.tracking_code, "kind": case.track, "status": case.status,
            "open": case.status in transitions.OPEN, "received_on": case.received_on, "due_on": case.due_on,
            "handling_body": _body(case), "answer": case.answer_text or None}  # fmt: skip


@api.get("/cases", response={200: schemas.CasePage, **ERRORS}, tags=["staff"])
def case_list(
    request: HttpRequest,
    status: Status | None = None,
    kind: Track | None = None,
    body: int | None = Query(None, ge=1, le=2_147_483_647),
    place: int | None = Query(None, ge=1, le=2_147_483_647),
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    only_open: bool = False,
    q: str = Query("", max_length=200),
    page: int = Query(1, ge=1, le=parsing.MAX_PAGE),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """The cases the caller may see as staff (session, or a key with ``staff_read``), soonest deadline first."""
    user = staff_user(principal(request))
    filters = InboxFilters(status=status or "", track=kind or "", organization_id=body, place_unit_id=place,
                           query=q, only_open=only_open)  # fmt: skip
    cases = case_list_for(user=user, filters=filters).select_related("topic")
    if received_from:
        cases = cases.filter(received_on__gte=received_from)
    if received_to:
        cases = cases.filter(received_on__lte=received_to)
    count, chunk = _page(cases, page, page_size)
    today = clock.today()
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "results": [case_actions.case_row(c, today) for c in chunk],
    }


@api.get("/cases/{case_id}", response={200: schemas.CaseDetail, **ERRORS}, tags=["staff"])
def case_read(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """One case, for staff who may see it; anything else is 404, exactly like a missing case.
    ``allowed_actions``: the steps ``POST /cases/{case_id}/actions`` may take on it now."""
    user = staff_user(principal(request))
    return case_actions.case_detail(case_actions.case_for(user, case_id), user)


# --- units and bodies ---------------------------------------------------------------------------


@api.get("/units", response={200: schemas.UnitPage, **ERRORS}, tags=["reference"])
def unit_list(
    request: HttpRequest,
    q: str = Query("", max_length=100),
    level: str = Query("", pattern="^(|province|commune)$"),
    province_code: int | None = Query(None, ge=1, le=99),
    page: int = Query(1, ge=1, le=parsing.MAX_PAGE),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """Current administrative units (2025 map), searchable with or without diacritics."""
    principal(request)
    count, chunk = _page(unit_search(query=q, level=level, province_code=province_code), page, page_size)
    results = [{"id": u.pk, "code": u.code, "name": u.name, "level": u.level, "province_id": u.province_id}
               for u in chunk]  # fmt: skip
    return {"count": count, "page": page, "page_size": page_size, "results": results}


@api.get("/organizations", response={200: schemas.OrganizationPage, **ERRORS}, tags=["reference"])
def organization_list(
    request: HttpRequest,
    q: str = Query("", max_length=100),
    page: int = Query(1, ge=1, le=parsing.MAX_PAGE),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """The bodies the caller may see (staff session, or a key acting as a staff account)."""
    user = staff_user(principal(request))
    count, chunk = _page(organization_list_for(user=user, query=q), page, page_size)
    results = [{"id": o.pk, "code": o.code, "name": o.name, "kind": o.kind.code, "unit_id": o.unit_id,
                "parent_id": o.parent_id} for o in chunk]  # fmt: skip
    return {"count": count, "page": page, "page_size": page_size, "results": results}


api.add_router("", case_actions.router)
api.add_router("", surveys_router)

__all__ = ["Principal", "api"]
