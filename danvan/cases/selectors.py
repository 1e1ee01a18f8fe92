"""Reads of cases, always through the permission gate.

A case a user may not see answers exactly like a case that does not exist (``NotFound``): a
tố cáo must not even be shown to exist to the wrong person (Luật Tố cáo 2018, Điều 47).
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from danvan.cases import permissions as case_permissions
from danvan.cases import transitions
from danvan.cases.choices import EventVisibility, Track
from danvan.cases.models import Case, CaseEvent
from danvan.cases.services.intake import case_access_hash
from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.org import permissions


def _visible(user: Any) -> Q:
    """Cases this user may read: non-tố-cáo in the VIEW scope, tố cáo only in the VIEW_TO_CAO scope,
    and a citizen's own non-tố-cáo cases (a denouncer follows theirs through the private link)."""
    general = permissions.scope_filter(user, case_permissions.VIEW, "handling_organization")
    to_cao = permissions.scope_filter(user, case_permissions.VIEW_TO_CAO, "handling_organization")
    condition = (~Q(track=Track.TO_CAO) & general) | (Q(track=Track.TO_CAO) & to_cao)
    if getattr(user, "is_authenticated", False):
        condition |= Q(submitter=user)
    return condition


def case_may_view(user: Any, case: Case) -> bool:
    if getattr(user, "is_authenticated", False) and case.submitter_id == user.pk:
        return True
    if case.handling_organization_id is None:
        return bool(getattr(user, "is_superuser", False))
    action = case_permissions.VIEW_TO_CAO if case.is_to_cao else case_permissions.VIEW
    return permissions.user_may(user, action, case)


def case_get_for(*, user: Any, pk: int) -> Case:
    case = (
        Case.objects.select_related("handling_organization", "handler", "place_unit__province", "topic", "submitter")
        .filter(pk=pk)
        .first()
    )
    if case is None or not case_may_view(user, case):
        raise NotFound("case not found")
    return case


def case_get_by_link(*, tracking_code: str, token: str) -> Case:
    """The citizen's private link: the code and the secret; a wrong secret is "not found"."""
    case = (
        Case.objects.select_related("handling_organization", "place_unit__province")
        .filter(tracking_code=tracking_code.strip().upper())
        .first()
    )
    if case is None or not token or not hmac.compare_digest(case.access_token_hash, case_access_hash(token)):
        raise NotFound("case not found")
    return case


def case_timeline(case: Case, *, public_only: bool) -> QuerySet[CaseEvent]:
    events = case.events.select_related("actor").order_by("at", "id")
    return events.filter(visibility=EventVisibility.PUBLIC) if public_only else events


@dataclass(frozen=True)
class InboxFilters:
    status: str = ""
    track: str = ""
    organization_id: int | None = None
    place_unit_id: int | None = None
    handler_id: int | None = None
    deadline: str = ""  # "overdue" | "due_soon" | "on_time"
    query: str = ""
    only_open: bool = True


def case_list_for(*, user: Any, filters: InboxFilters = InboxFilters(), today: dt.date | None = None) -> QuerySet[Case]:
    """The staff inbox: what the user may see, filtered, soonest deadline first."""
    today = today or clock.today()
    cases = Case.objects.filter(_visible(user))
    if filters.only_open:
        cases = cases.filter(status__in=list(transitions.OPEN | {"final", "info_only"}))
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.track:
        cases = cases.filter(track=filters.track)
    if filters.organization_id:
        cases = cases.filter(handling_organization_id=filters.organization_id)
    if filters.place_unit_id:
        cases = cases.filter(place_unit_id=filters.place_unit_id)
    if filters.handler_id:
        cases = cases.filter(handler_id=filters.handler_id)
    if filters.deadline == "overdue":
        cases = cases.filter(due_on__lt=today)
    elif filters.deadline == "due_soon":
        cases = cases.filter(due_on__gte=today, warn_on__lte=today)
    elif filters.deadline == "on_time":
        cases = cases.filter(due_on__gte=today).filter(Q(warn_on__gt=today) | Q(warn_on__isnull=True))
    key = fold(filters.query)
    if key:
        # Accent-insensitive: both the stored text and the query are folded ("dat dai" finds "đất đai").
        for word in key.split()[:8]:
            cases = cases.filter(search_text__contains=word)
    return cases.select_related("handling_organization", "handler", "place_unit").order_by("due_on", "-id")
