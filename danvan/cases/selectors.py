"""Reads of cases, always through the permission gate.

A case a user may not see answers exactly like a case that does not exist (``NotFound``): a
tố cáo must not even be shown to exist to the wrong person (Luật Tố cáo 2018, Điều 47).
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.crypto import salted_hmac

from danvan.cases import permissions as case_permissions
from danvan.cases import transitions
from danvan.cases.choices import EventVisibility, Track
from danvan.cases.models import Case, CaseEvent
from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.core.tokens import token_matches
from danvan.org import permissions


def _visible(user: Any, *, own: bool = True) -> Q:
    """Cases this user may read: non-tố-cáo in the VIEW scope, tố cáo only in the VIEW_TO_CAO scope,
    and (``own``) the cases they submitted themselves.

    The staff lists (inbox, report) leave out ``own``: an officer's own petitions are not work of
    their body (they follow them as a citizen, on "my petitions"), and "or submitted by me" would
    keep PostgreSQL from using the index on the handling body (issue 7)."""
    general = permissions.scope_filter(user, case_permissions.VIEW, "handling_organization")
    if permissions.same_scope(user, case_permissions.VIEW, case_permissions.VIEW_TO_CAO):
        # (not tố cáo and in scope) or (tố cáo and in the same scope) is "in scope": written so, the
        # database can use the index on the handling body (issue 7: 15 ms instead of 475 ms).
        if not general:
            return Q()  # everything (an empty Q OR-ed with another would keep only the other)
        condition = general
    else:
        to_cao = permissions.scope_filter(user, case_permissions.VIEW_TO_CAO, "handling_organization")
        condition = (~Q(track=Track.TO_CAO) & general) | (Q(track=Track.TO_CAO) & to_cao)
    if own and getattr(user, "is_authenticated", False):
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
    if case is None or not token or not token_matches(token, case.access_token_hash):
        raise NotFound("case not found")
    return case


LINK_GRANT_SALT = "danvan.cases.link-grant"


def case_link_grant(case: Case) -> str:
    """What a browser session keeps once the private link has been opened, instead of the secret (which
    thus leaves the address bar and the logs). Derived from the stored hash of the secret: it stops
    working when the secret is replaced."""
    return salted_hmac(LINK_GRANT_SALT, case.access_token_hash, algorithm="sha256").hexdigest()


def case_get_by_grant(*, tracking_code: str, grant: str) -> Case:
    """The case a session was granted by its private link; anything else is "not found"."""
    case = (
        Case.objects.select_related("handling_organization", "place_unit__province")
        .filter(tracking_code=tracking_code.strip().upper())
        .first()
    )
    if case is None or not grant or not hmac.compare_digest(case_link_grant(case), grant):
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
    cases = Case.objects.filter(_visible(user, own=False))
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


# The report of receipt and handling ("tình hình tiếp nhận, giải quyết") --------------------------------


@dataclass(frozen=True)
class ReportRow:
    """One handling body's cases received in the period, as they stand today."""

    organization_id: int | None
    received: int
    pakn: int
    khieu_nai: int
    to_cao: int
    finished: int  # no longer open: answered and closed, decided in effect, rejected, withdrawn …
    open: int
    overdue: int  # open and past the legal deadline today


REPORT_COUNTS = ("received", "pakn", "khieu_nai", "to_cao", "finished", "open", "overdue")


def case_report(*, user: Any, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[ReportRow]:
    """Per handling body, the cases the user may see that were received from ``start`` to ``end``
    (inclusive): by track, how many are finished, still open, and open past their deadline today.
    One grouped query, counting ``received_on`` (never empty) rather than the id so that the report
    index holds every column it reads; the busiest body first."""
    today = today or clock.today()
    open_statuses = list(transitions.OPEN)
    rows = (
        Case.objects.filter(_visible(user, own=False), received_on__gte=start, received_on__lte=end)
        .values("handling_organization_id")
        .annotate(
            received=Count("received_on"),
            pakn=Count("received_on", filter=Q(track=Track.PAKN)),
            khieu_nai=Count("received_on", filter=Q(track=Track.KHIEU_NAI)),
            to_cao=Count("received_on", filter=Q(track=Track.TO_CAO)),
            open=Count("received_on", filter=Q(status__in=open_statuses)),
            overdue=Count("received_on", filter=Q(status__in=open_statuses, due_on__lt=today)),
        )
        .order_by("-received", "handling_organization_id")
    )
    counted: Any = rows
    return [
        ReportRow(
            organization_id=row["handling_organization_id"],
            received=row["received"],
            pakn=row["pakn"],
            khieu_nai=row["khieu_nai"],
            to_cao=row["to_cao"],
            finished=row["received"] - row["open"],
            open=row["open"],
            overdue=row["overdue"],
        )
        for row in counted
    ]
