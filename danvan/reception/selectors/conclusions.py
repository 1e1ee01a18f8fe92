"""Reads of the heads' conclusions: a notice for staff (through the permission gate), the tasks board,
the printed notice's facts, and the citizen's view by follow code (summary and tasks only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import translation

from danvan.core import clock
from danvan.core.errors import NotFound
from danvan.org.models import Organization
from danvan.org.permissions import scope_filter, user_may
from danvan.reception import permissions
from danvan.reception.choices import TaskStatus
from danvan.reception.models import ConclusionNotice, ConclusionTask, ReceptionSession, Visit

# A task is "due soon" this many days before its due date on the board (the sweep's reminder is per task).
DUE_SOON_DAYS = 7
STATES = ("open", "due_soon", "overdue", "done", "cancelled", "all")


def _notice_scope(user: Any) -> Q:
    """Notices the user may read: their body's (conclude, register, work on tasks) or one holding a task
    of a body they work for."""
    return (
        scope_filter(user, permissions.CONCLUDE, "organization")
        | scope_filter(user, permissions.VIEW_REGISTER, "organization")
        | scope_filter(user, permissions.WORK_TASKS, "organization")
        | Q(pk__in=ConclusionTask.objects.filter(scope_filter(user, permissions.WORK_TASKS, "owner_organization"))
            .values("notice_id"))
    )  # fmt: skip


def notice_get_for(*, user: Any, pk: int) -> ConclusionNotice:
    notice = (
        ConclusionNotice.objects.filter(_notice_scope(user))
        .select_related(
            "organization__kind", "organization__parent", "organization__unit", "signer", "session", "visit"
        )
        .filter(pk=pk)
        .first()
    )
    if notice is None:
        raise NotFound("notice not found")
    return notice


def notice_tasks(notice: ConclusionNotice) -> list[ConclusionTask]:
    return list(notice.tasks.select_related("owner_organization", "owner_user").order_by("due_on", "id"))


def task_get_for(*, user: Any, pk: int) -> ConclusionTask:
    task = (
        ConclusionTask.objects.filter(
            scope_filter(user, permissions.WORK_TASKS, "owner_organization")
            | scope_filter(user, permissions.CONCLUDE, "notice__organization")
        )
        .select_related("notice__organization", "owner_organization")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise NotFound("task not found")
    return task


def conclude_bodies(user: Any) -> QuerySet[Organization]:
    """The bodies the user may issue a notice for."""
    return Organization.objects.filter(scope_filter(user, permissions.CONCLUDE)).order_by("path")


def owner_bodies(organization: Organization) -> QuerySet[Organization]:
    """The bodies a head of ``organization`` may direct: it and the bodies under it."""
    return Organization.objects.filter(path__startswith=organization.path, is_active=True).order_by("path")


def session_for(*, user: Any, pk: int | None) -> ReceptionSession | None:
    if pk is None:
        return None
    return (
        ReceptionSession.objects.filter(scope_filter(user, permissions.CONCLUDE, "organization"), pk=pk)
        .select_related("organization")
        .first()
    )


def visit_for(*, user: Any, pk: int | None) -> Visit | None:
    if pk is None:
        return None
    return (
        Visit.objects.filter(scope_filter(user, permissions.CONCLUDE, "organization"), pk=pk)
        .select_related("organization", "session")
        .first()
    )


# --- the board ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardFilters:
    state: str = "open"
    organization_id: int | None = None
    q: str = ""


@dataclass
class BoardCounts:
    open: int = 0
    due_soon: int = 0
    overdue: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def _board_base(user: Any) -> QuerySet[ConclusionTask]:
    return ConclusionTask.objects.filter(
        scope_filter(user, permissions.WORK_TASKS, "owner_organization")
        | scope_filter(user, permissions.CONCLUDE, "notice__organization")
    )


def task_board(*, user: Any, filters: BoardFilters, today: dt.date | None = None) -> QuerySet[ConclusionTask]:
    """The tasks of the user's bodies (owned there, or of notices their head issued), by due date."""
    today = today or clock.today()
    tasks = _board_base(user)
    state = filters.state if filters.state in STATES else "open"
    if state == "open":
        tasks = tasks.filter(status=TaskStatus.OPEN)
    elif state == "due_soon":
        tasks = tasks.filter(status=TaskStatus.OPEN, due_on__gte=today,
                             due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS))  # fmt: skip
    elif state == "overdue":
        tasks = tasks.filter(status=TaskStatus.OPEN, due_on__lt=today)
    elif state == "done":
        tasks = tasks.filter(status=TaskStatus.DONE)
    elif state == "cancelled":
        tasks = tasks.filter(status=TaskStatus.CANCELLED)
    if filters.organization_id:
        tasks = tasks.filter(owner_organization_id=filters.organization_id)
    if filters.q:
        tasks = tasks.filter(Q(description__icontains=filters.q) | Q(notice__summary__icontains=filters.q))
    return tasks.select_related("notice__organization__kind", "owner_organization", "owner_user").order_by(
        "due_on", "id"
    )


def task_board_counts(*, user: Any, today: dt.date | None = None) -> BoardCounts:
    today = today or clock.today()
    rows = _board_base(user).filter(status=TaskStatus.OPEN).values_list("due_on", flat=True)
    counts = BoardCounts()
    for due_on in rows:
        counts.open += 1
        if due_on < today:
            counts.overdue += 1
        elif due_on <= today + dt.timedelta(days=DUE_SOON_DAYS):
            counts.due_soon += 1
    return counts


def board_bodies(user: Any) -> QuerySet[Organization]:
    return Organization.objects.filter(
        Q(scope_filter(user, permissions.WORK_TASKS)) | Q(scope_filter(user, permissions.CONCLUDE))
    ).order_by("path")


# --- the printed notice (NĐ 30/2020) --------------------------------------------------------------------


def _place(org: Organization) -> str:
    # NĐ 30/2020: the place is the province for provincial bodies, the commune for commune bodies.
    unit = org.unit
    return str(unit.short_name) if unit is not None else ""


def notice_print_context(notice: ConclusionNotice) -> dict[str, Any]:
    """What the printed notice shows, in Vietnamese (an administrative document, NĐ 30/2020 Art. 8)."""
    org = notice.organization
    with translation.override("vi"):
        return {
            "notice": notice,
            "number_text": notice.number_text,
            "parent_name": (org.parent.name if org.parent else "").upper(),
            "body_name": org.name.upper(),
            "body_title": org.name,
            "place": _place(org),
            "day": notice.issued_on,
            "occasion_day": _occasion_day(notice),
            "tasks": notice_tasks(notice),
            "recipients": [line.strip(" -;.") for line in notice.recipients.splitlines() if line.strip(" -;.")],
            "signer_title": notice.signer_title.upper(),
            "signer_name": notice.signer.get_full_name() or str(notice.signer),
        }


def _occasion_day(notice: ConclusionNotice) -> dt.date:
    if notice.session is not None:
        return clock.local(notice.session.starts_at).date()
    if notice.visit is not None:
        return clock.local(notice.visit.received_at).date()
    return notice.issued_on


@dataclass(frozen=True)
class PublicTask:
    description: str
    status: str
    status_label: str
    owner_body: str
    due_on: dt.date
    done_on: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class PublicNotice:
    number_text: str
    body_name: str
    issued_on: dt.date
    summary: str
    tasks: list[PublicTask]


def notice_public(*, code: str) -> PublicNotice:
    """What the citizen sees by follow code: the notice's number, body, date and summary, and each task's
    status, owner body and due date. Never the conclusions' text, the visitor or an officer."""
    notice = ConclusionNotice.objects.select_related("organization__kind").filter(follow_code=code).first()
    if notice is None:
        raise NotFound("no notice with this code")
    today = clock.today()
    tasks = [
        PublicTask(description=t.description, status=t.status, status_label=str(t.get_status_display()),
                   owner_body=t.owner_organization.name, due_on=t.due_on, done_on=t.done_on,
                   overdue=t.status == TaskStatus.OPEN and t.due_on < today)
        for t in notice.tasks.select_related("owner_organization").order_by("due_on", "id")
    ]  # fmt: skip
    return PublicNotice(number_text=notice.number_text, body_name=notice.organization.name,
                        issued_on=notice.issued_on, summary=notice.summary, tasks=tasks)  # fmt: skip


def user_may_conclude(user: Any, notice: ConclusionNotice) -> bool:
    return user_may(user, permissions.CONCLUDE, notice)
