"""The daily look at every open case's clock: reminders before ``warn_on``, escalation when overdue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from danvan.cases import transitions
from danvan.cases.models import Case, CaseEvent
from danvan.cases.services.notify import staff_notify
from danvan.core.audit import audit_record
from danvan.org.choices import Role
from danvan.org.models import RoleAssignment


def _heads(organization_ids: list[int]) -> list[Any]:
    """Officers with the head role in these bodies, today."""
    from danvan.core import clock

    return [
        a.user
        for a in RoleAssignment.objects.active_on(clock.today())
        .filter(role=Role.HEAD, organization_id__in=organization_ids)
        .select_related("user")
    ]


def cases_sweep(*, today: dt.date) -> dict[str, int]:
    """Idempotent per day: a case gets at most one reminder and one escalation event per day."""
    counts = {"reminded": 0, "escalated": 0}
    open_cases = Case.objects.filter(status__in=list(transitions.OPEN), due_on__isnull=False).select_related(
        "handling_organization", "handler"
    )
    due_soon = open_cases.filter(warn_on__lte=today, due_on__gte=today)
    overdue = open_cases.filter(due_on__lt=today)
    for case in due_soon:
        if CaseEvent.objects.filter(case=case, action="reminder", data__on=today.isoformat()).exists():
            continue
        with transaction.atomic():
            recipients = (
                [case.handler]
                if case.handler
                else _heads([case.handling_organization_id] if case.handling_organization_id else [])
            )
            staff_notify(case=case, template="reminder_handler", recipients=recipients)
            CaseEvent.objects.create(case=case, action="reminder", to_status=case.status, note=f"due {case.due_on}",
                                     data={"on": today.isoformat()})  # fmt: skip
            counts["reminded"] += 1
    for case in overdue:
        if CaseEvent.objects.filter(case=case, action="escalate", data__on=today.isoformat()).exists():
            continue
        with transaction.atomic():
            org = case.handling_organization
            bodies = [org.pk, org.parent_id] if org is not None and org.parent_id else ([org.pk] if org else [])
            recipients = _heads(bodies)
            staff_notify(case=case, template="escalation_overdue", recipients=recipients)
            CaseEvent.objects.create(case=case, action="escalate", to_status=case.status,
                                     note=f"overdue since {case.due_on}", data={"bodies": bodies, "on": today.isoformat()})  # fmt: skip
            audit_record(actor=None, action="cases.escalate", obj=case, object_repr=case.tracking_code,
                         after={"due_on": case.due_on, "bodies": bodies})  # fmt: skip
            counts["escalated"] += 1
    return counts
