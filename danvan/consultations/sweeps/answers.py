"""Consultations: the answers part's morning sweep (run by tasks.consultations_sweep).

The summary and the answers are due ``cong_khai`` working days after the authority's decision (Art. 11(11),
Art. 12(3)). The consulting body's heads (``PUBLISH_SUMMARY``) get an in-app warning when the summary of a
closed consultation is due within ``WARN_WORKING_DAYS`` working days, and again once it is overdue. Each
warning is sent once (its audit event ``consultations.summary_warn`` with the warning's key — the kind and
the due date — is the mark), so running the sweep twice sends nothing new; a new due date (the decision
re-dated) is a new warning.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.consultations.models import Consultation
from danvan.consultations.permissions import PUBLISH_SUMMARY
from danvan.consultations.selectors import answers as selectors
from danvan.core.audit import audit_record
from danvan.core.models import AuditEvent
from danvan.deadlines.selectors import working_calendar_load
from danvan.notifications.choices import Channel as NotifyChannel
from danvan.notifications.services import notification_send
from danvan.org.selectors import users_who_may

WARN_WORKING_DAYS: Final = 2  # an internal lead, not a period of the law
ABOUT_KIND: Final = "consultations.summary"
WARN_ACTION: Final = "consultations.summary_warn"


def _notify(consultation: Consultation, code: str, subject: str, key: str) -> int:
    """Warn the body's heads once for ``key``; 1 when sent now, 0 when it was sent before."""
    already = AuditEvent.objects.filter(action=WARN_ACTION, object_type=consultation._meta.label_lower,
                                        object_id=str(consultation.pk), after__warning=key).exists()  # fmt: skip
    if already:
        return 0
    link = reverse("consultations:answers", args=[consultation.code])
    recipients = list(users_who_may(PUBLISH_SUMMARY, organization=consultation.organization))
    for user in recipients:
        notification_send(channel=NotifyChannel.IN_APP, recipient=user, template=f"consultations.{code}",
                          subject=subject, body=consultation.title[:300], about_kind=ABOUT_KIND,
                          about_id=consultation.pk, about_label=consultation.title[:100], link=link)  # fmt: skip
    audit_record(
        actor=None, action=WARN_ACTION, obj=consultation, after={"warning": key, "recipients": len(recipients)}
    )
    return 1


def sweep(today: dt.date) -> dict[str, int]:
    counts = {"summary_due_soon": 0, "summary_overdue": 0}
    calendar = working_calendar_load()
    # Two working days can span a long holiday: look a fortnight ahead, then count working days exactly.
    for consultation in selectors.summaries_to_publish(today, within_days=14):
        due = consultation.summary_due_on
        assert due is not None
        if today > due:
            subject = _("Summary of the views not published, overdue since %(day)s (Art. 11(11), 12(3))") % {
                "day": due.strftime("%d/%m/%Y")}  # fmt: skip
            with transaction.atomic():
                counts["summary_overdue"] += _notify(consultation, "summary_overdue", subject, f"overdue:{due}")
            continue
        left = sum(1 for n in range(1, (due - today).days + 1)
                   if calendar.is_working_day(today + dt.timedelta(days=n)))  # fmt: skip
        if left <= WARN_WORKING_DAYS:
            subject = _("Publish the summary of the views by %(day)s (Art. 11(11), 12(3))") % {
                "day": due.strftime("%d/%m/%Y")}  # fmt: skip
            with transaction.atomic():
                counts["summary_due_soon"] += _notify(consultation, "summary_due", subject, f"due:{due}")
    return counts
