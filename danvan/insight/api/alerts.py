"""The alerts part's REST endpoints (mounted by api/__init__.py): the early warnings in the reader's scope,
one alert with its figures and the cases behind it, and its status set. For the readers of the alert pages
(``insight.view_alerts``: heads and dân vận officers in scope), through a session or a key with
``staff_read`` (``staff_act`` to set the status).

Thin over ``selectors.alerts`` and ``services.alert_set_status``. An alert outside the reader's scope is 404
like a missing one; of the cases behind it only those the reader may open are listed, the others counted
(``hidden``; a tố cáo the reader may not open is not even counted)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from danvan.core import parsing
from danvan.core.errors import NotFound
from danvan.insight import permissions as insight_permissions
from danvan.insight.api.common import InsightCase, actor, case_brief, parsed, reader
from danvan.insight.forms.alerts import AlertFilterForm
from danvan.insight.models import Alert, AlertStatus
from danvan.insight.selectors import alerts as selectors
from danvan.insight.services import alerts as services
from danvan.rest.auth import principal
from danvan.rest.schemas import ERRORS, MAX_ID, MAX_PAGE_SIZE, Input, Page

router = Router(tags=["insight"])


class InsightAlert(Schema):
    id: int
    kind: str = Field(..., description="surge, recurring, mass_complaint, matter_growing or crowd")
    title: str
    summary: str
    status: str = Field(..., description="open, acknowledged or closed")
    status_note: str
    body_id: int
    body: str
    unit_id: int | None
    unit: str | None
    topic: str
    opened_at: dt.datetime
    last_seen_at: dt.datetime


class InsightAlertPage(Page):
    results: list[InsightAlert]


class InsightAlertDetail(InsightAlert):
    figures: dict[str, Any] = Field(..., description="observed, expected, probability, window_days …, as stored")
    cases: list[InsightCase] = Field(..., description="The cases behind the alert that the caller may open (a page)")
    cases_count: int
    hidden: int = Field(..., description="How many more cases are behind it that the caller may not open")


class InsightAlertStatusIn(Input):
    status: AlertStatus
    note: str = Field("", max_length=1000, description="Required to close")


def _alert(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.pk, "kind": alert.kind, "title": alert.display_title, "summary": alert.summary, "status": alert.status,
        "status_note": alert.status_note, "body_id": alert.organization_id, "body": alert.organization.name,
        "unit_id": alert.unit_id, "unit": alert.unit.name if alert.unit is not None else None, "topic": alert.topic,
        "opened_at": alert.opened_at, "last_seen_at": alert.last_seen_at,
    }  # fmt: skip


def _id(alert_id: int) -> int:
    """An alert id the database can hold, else 404 like a missing alert."""
    if not 1 <= alert_id <= MAX_ID:
        raise NotFound("alert not found")
    return alert_id


def _get(user: Any, alert_id: int) -> Alert:
    return selectors.alert_get_for(user=user, pk=_id(alert_id))


@router.get("/insight/alerts", response={200: InsightAlertPage, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_insight_alerts_list")  # fmt: skip
def alerts_list(
    request: HttpRequest,
    status: str = Query("", max_length=20, description="open, acknowledged or closed; empty: all"),
    page: int = Query(1, ge=1, le=parsing.MAX_PAGE),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """The alerts of the bodies the caller reads alerts in, newest signal first."""
    user = reader(principal(request), insight_permissions.VIEW_ALERTS)
    asked = parsed(AlertFilterForm({"status": status}), {})
    alerts = selectors.alerts_for(user=user, status=asked["status"])
    count = alerts.count()
    chunk = alerts[(page - 1) * page_size : page * page_size]
    return {"count": count, "page": page, "page_size": page_size, "results": [_alert(a) for a in chunk]}


@router.get("/insight/alerts/{alert_id}", response={200: InsightAlertDetail, **ERRORS}, tags=["staff"],
            operation_id="danvan_api_insight_alerts_read")  # fmt: skip
def alerts_read(
    request: HttpRequest,
    alert_id: int,
    page: int = Query(1, ge=1, le=parsing.MAX_PAGE, description="Of the cases behind the alert"),
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """One alert: its figures, the cases behind it the caller may open, and how many others there are."""
    user = reader(principal(request), insight_permissions.VIEW_ALERTS)
    alert = _get(user, alert_id)
    behind = selectors.alert_cases_for(user=user, alert=alert)
    count = behind.shown.count()
    chunk = behind.shown[(page - 1) * page_size : page * page_size]
    return {**_alert(alert), "figures": selectors.alert_figures(alert), "cases": [case_brief(c) for c in chunk],
            "cases_count": count, "hidden": behind.hidden}  # fmt: skip


@router.post("/insight/alerts/{alert_id}/status", response={200: InsightAlert, **ERRORS}, tags=["staff"],
             operation_id="danvan_api_insight_alerts_status")  # fmt: skip
def alerts_status(request: HttpRequest, alert_id: int, payload: InsightAlertStatusIn) -> dict[str, Any]:
    """Mark the alert being looked into, close it (with a note: 400 ``insight_alert_close_needs_note``
    without one) or open it again (400 ``insight_alert_newer_open`` beside a newer open alert)."""
    user = actor(principal(request, write=True), insight_permissions.VIEW_ALERTS)
    alert = services.alert_set_status(actor=user, alert_id=_id(alert_id), status=payload.status, note=payload.note)
    return _alert(selectors.alert_get_for(user=user, pk=alert.pk))
