"""The writes of the register's morning sweep (sweeps/register.py): reminders and overdue flags of the
Art. 28(1) answer, each sent once, in one transaction with the flag that records it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.audit import audit_record
from danvan.deadlines.selectors import working_calendar_load
from danvan.notifications.choices import Channel
from danvan.notifications.services import notification_send
from danvan.org import selectors as org_selectors
from danvan.reception import permissions as reception_permissions
from danvan.reception.models import Visit

ABOUT_VISIT = "reception.visit"  # how a notification names the visit it is about


def _tell(recipient: Any, visit: Visit, template: str, subject: str, body: str) -> None:
    notification_send(channel=Channel.IN_APP, recipient=recipient, template=template, subject=subject, body=body,
                      about_kind=ABOUT_VISIT, about_id=visit.pk, about_label=str(visit),
                      link=reverse("reception:visit_detail", args=[visit.pk]))  # fmt: skip


def visits_answer_sweep(*, today: dt.date, remind_within: int) -> dict[str, int]:
    """Remind the answers due within ``remind_within`` working days, flag the overdue ones; once each."""
    counts = {"reminded": 0, "overdue": 0}
    open_visits = Visit.objects.filter(outcome="", outcome_due_on__isnull=False).select_related(
        "receiving_officer", "organization"
    )
    horizon = working_calendar_load().add_working_days(today, remind_within)
    for visit in open_visits.filter(outcome_reminded_at__isnull=True, outcome_due_on__gte=today,
                                    outcome_due_on__lte=horizon):  # fmt: skip
        with transaction.atomic():
            if (
                Visit.objects.select_for_update()
                .filter(pk=visit.pk, outcome_reminded_at__isnull=True)
                .update(outcome_reminded_at=clock.now())
            ):
                _tell(visit.receiving_officer, visit, "reception_answer_due",
                      _("The answer to visit %(number)s is due on %(day)s") % {"number": visit, "day": f"{visit.outcome_due_on:%d/%m/%Y}"},
                      _("Record the answer given to the visitor (Luật Tiếp công dân, Art. 28(1)) before the due day."))  # fmt: skip
                counts["reminded"] += 1
    for visit in open_visits.filter(outcome_overdue_at__isnull=True, outcome_due_on__lt=today):
        with transaction.atomic():
            if (
                Visit.objects.select_for_update()
                .filter(pk=visit.pk, outcome_overdue_at__isnull=True)
                .update(outcome_overdue_at=clock.now())
            ):
                recipients = {
                    visit.receiving_officer,
                    *org_selectors.users_who_may(reception_permissions.CONCLUDE, organization=visit.organization),
                }
                for person in recipients:
                    _tell(person, visit, "reception_answer_overdue",
                          _("The answer to visit %(number)s is overdue") % {"number": visit},
                          _("The answer was due on %(day)s (Luật Tiếp công dân, Art. 28(1)).") % {"day": f"{visit.outcome_due_on:%d/%m/%Y}"})  # fmt: skip
                audit_record(actor=None, action="reception.visit_overdue", obj=visit,
                             after={"outcome_due_on": visit.outcome_due_on})  # fmt: skip
                counts["overdue"] += 1
    return counts
