"""The REST API at /api/v1/ (django-ninja): schema at /api/v1/openapi.json, docs at /api/v1/docs.

Thin over the apps: each handler identifies the caller (``auth.principal``), calls one service or
selector, and renders a schema. Errors have one shape (``schemas.Error``): a machine ``code``, a
``message`` in the caller's language (Accept-Language; Vietnamese by default) and ``details``.

This module holds the API object, the error handlers, units and bodies, and mounts the routers of the
capabilities: cases in and out and the steps staff take on them (``danvan.cases.api``), satisfaction
(ratings, surveys, indices) in ``danvan.surveys.api``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError

from danvan.cases.api import router as cases_router
from danvan.cases.api_schemas import STEP_ACTIONS
from danvan.consultations.api import router as consultations_router
from danvan.core import parsing
from danvan.core.errors import DomainError, NotFound, PermissionDenied
from danvan.core.outage import database_errors
from danvan.democracy.api import router as democracy_router
from danvan.emulation.api import router as emulation_router
from danvan.insight.api import router as insight_router
from danvan.org.selectors import organization_list_for, unit_search
from danvan.reception.api import router as reception_router
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


# A body whose ``action`` (the discriminator of cases.api_schemas.CaseStep) is missing or unknown.
_UNKNOWN_TAG = {"union_tag_invalid", "union_tag_not_found"}


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details: dict[str, str] = {}
    for e in exc.errors:
        where = ".".join(str(p) for p in e.get("loc", [])[1:]) or "body"
        if e.get("type") in _UNKNOWN_TAG:
            details[f"{where}.action"] = _("Unknown action. Choose one of: %(actions)s.") % {
                "actions": ", ".join(STEP_ACTIONS)
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


api.add_router("", cases_router)
api.add_router("", surveys_router)
api.add_router("", reception_router)
api.add_router("", democracy_router)
api.add_router("", consultations_router)
api.add_router("", emulation_router)
api.add_router("", insight_router)

__all__ = ["Principal", "api"]
