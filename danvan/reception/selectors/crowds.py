"""Reading crowds, and the early warning (spec §3.4): a crowd whose matter came back within 90 days,
or whose group is larger than the last time the same matter came. Reads through the permission gate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.org import permissions
from danvan.reception.models import Crowd, Visit, VisitCase
from danvan.reception.permissions import REGISTER_VISIT, VIEW_REGISTER

RETURN_WITHIN_DAYS = 90
LOOK_BACK_DAYS = 365  # the list shows the warnings of the last year


@dataclass(frozen=True)
class CrowdWarning:
    crowd: Crowd
    previous: Crowd
    days_since: int
    returned: bool  # the same matter came back within RETURN_WITHIN_DAYS
    grew: bool  # more people than the last time

    @property
    def growth(self) -> int:
        return self.crowd.visit.group_size - self.previous.visit.group_size


def visit_for_staff(*, user: Any, pk: int, action: str = REGISTER_VISIT) -> Visit:
    visit = Visit.objects.select_related("organization").filter(pk=pk).first()
    if visit is None or not permissions.user_may(user, action, visit):
        raise NotFound("visit not found")
    return visit


def visit_case_links(visit: Visit) -> list[VisitCase]:
    return list(VisitCase.objects.filter(visit=visit).select_related("case").order_by("id"))


def visit_for_case(case_id: int) -> VisitCase | None:
    return VisitCase.objects.filter(case_id=case_id).select_related("visit").first()


def crowd_of(visit: Visit) -> Crowd | None:
    return Crowd.objects.filter(visit=visit).select_related("met_by").first()


def crowd_warnings(*, user: Any, today: dt.date | None = None) -> list[CrowdWarning]:
    """Each crowd of the last year in the user's scope that came back soon or grew, newest first, with
    the crowd before it on the same matter in the same body."""
    today = today or clock.today()
    since = today - dt.timedelta(days=LOOK_BACK_DAYS + RETURN_WITHIN_DAYS)
    crowds = list(
        Crowd.objects.filter(permissions.scope_filter(user, VIEW_REGISTER, "visit__organization"))
        .exclude(matter_key="")
        .filter(visit__received_at__date__gte=since)
        .select_related("visit", "visit__organization")
        .order_by("visit__received_at", "id")
    )
    last: dict[tuple[int, str], Crowd] = {}
    found = []
    for crowd in crowds:
        key = (crowd.visit.organization_id, fold(crowd.matter_key))
        previous = last.get(key)
        last[key] = crowd
        if previous is None or (today - crowd.visit.received_at.date()).days > LOOK_BACK_DAYS:
            continue
        days = (crowd.visit.received_at.date() - previous.visit.received_at.date()).days
        returned = days <= RETURN_WITHIN_DAYS
        grew = crowd.visit.group_size > previous.visit.group_size
        if returned or grew:
            found.append(CrowdWarning(crowd, previous, days, returned, grew))
    found.reverse()
    return found
