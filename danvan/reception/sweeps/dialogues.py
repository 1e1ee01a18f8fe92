"""The dialogues part's morning sweep (called by tasks.reception_sweep): the cases sweep's approach
(cases/services/sweep.py) for dialogue commitments.

* ``REMIND_DAYS`` days before a commitment is due (and until its due date), its officer — or, without
  one, the officers of the owner body who work on tasks — are reminded, once (``reminded_on``).
* The day after its due date, an open commitment is escalated, once (``escalated_on``), to the
  dialogue's chair and to the heads of the owner body's parent body.

Each notice is an in-app notification plus an email where the person has an address, queued in the same
transaction as the mark (``notifications.services.notification_send``), so a rerun the same day or any
later day sends nothing again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from danvan.core.audit import audit_record
from danvan.notifications.choices import Channel
from danvan.notifications.services import notification_send
from danvan.org.choices import Role
from danvan.org.models import RoleAssignment
from danvan.org.selectors import users_who_may
from danvan.reception.choices import CommitmentStatus
from danvan.reception.models import DialogueCommitment
from danvan.reception.permissions import WORK_TASKS

REMIND_DAYS = 3
ABOUT = "reception.dialoguecommitment"


def _heads(organization_id: int | None, today: dt.date) -> list[Any]:
    if organization_id is None:
        return []
    return [a.user for a in RoleAssignment.objects.active_on(today)
            .filter(role=Role.HEAD, organization_id=organization_id, user__is_active=True).select_related("user")]  # fmt: skip


def _send(recipients: list[Any], commitment: DialogueCommitment, template: str, subject: str, body: str) -> int:
    base = str(getattr(settings, "DANVAN_PUBLIC_URL", "http://127.0.0.1:8000")).rstrip("/")
    link = base + reverse("reception:dialogue_detail", args=[commitment.dialogue_id])
    seen: set[int] = set()
    for user in recipients:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        common: dict[str, Any] = {"template": template, "subject": subject, "body": f"{body}\n{link}", "about_kind": ABOUT,
                  "about_id": commitment.pk, "about_label": commitment.dialogue.subject[:200], "link": link}  # fmt: skip
        notification_send(channel=Channel.IN_APP, recipient=user, **common)
        if getattr(user, "email", ""):
            notification_send(channel=Channel.EMAIL, address=user.email, recipient=user, **common)
    return len(seen)


def sweep(today: dt.date) -> dict[str, int]:
    """What the dialogues part does each morning; the counts it returns are logged."""
    counts = {"commitments_reminded": 0, "commitments_escalated": 0}
    open_rows = DialogueCommitment.objects.filter(status=CommitmentStatus.OPEN).select_related(
        "dialogue", "owner_organization", "owner_user", "dialogue__head"
    )
    due_soon = open_rows.filter(reminded_on__isnull=True, due_on__gte=today,
                                due_on__lte=today + dt.timedelta(days=REMIND_DAYS))  # fmt: skip
    for commitment in due_soon:
        with transaction.atomic():
            if (
                not DialogueCommitment.objects.select_for_update()
                .filter(pk=commitment.pk, reminded_on__isnull=True)
                .exists()
            ):
                continue
            recipients: list[Any] = [commitment.owner_user] if commitment.owner_user else list(
                users_who_may(WORK_TASKS, organization=commitment.owner_organization))  # fmt: skip
            _send(recipients, commitment, "dialogue_commitment_reminder",
                  f"Cam kết đối thoại đến hạn ngày {commitment.due_on:%d/%m/%Y}",
                  f"Cam kết “{commitment.text[:200]}” (hội nghị đối thoại “{commitment.dialogue.subject}”) "
                  f"của {commitment.owner_organization.name} đến hạn ngày {commitment.due_on:%d/%m/%Y}.")  # fmt: skip
            DialogueCommitment.objects.filter(pk=commitment.pk).update(reminded_on=today)
            counts["commitments_reminded"] += 1
    overdue = open_rows.filter(escalated_on__isnull=True, due_on__lt=today)
    for commitment in overdue:
        with transaction.atomic():
            if (
                not DialogueCommitment.objects.select_for_update()
                .filter(pk=commitment.pk, escalated_on__isnull=True)
                .exists()
            ):
                continue
            owner = commitment.owner_organization
            recipients = [commitment.dialogue.head, *_heads(owner.parent_id, today)]
            _send(recipients, commitment, "dialogue_commitment_overdue",
                  f"Cam kết đối thoại quá hạn từ ngày {commitment.due_on:%d/%m/%Y}",
                  f"Cam kết “{commitment.text[:200]}” (hội nghị đối thoại “{commitment.dialogue.subject}”) "
                  f"của {owner.name} đã quá hạn ngày {commitment.due_on:%d/%m/%Y} mà chưa kết thúc.")  # fmt: skip
            DialogueCommitment.objects.filter(pk=commitment.pk).update(escalated_on=today)
            audit_record(actor=None, action="reception.dialogue_commitment_escalate", obj=commitment,
                         after={"due_on": commitment.due_on, "bodies": [owner.pk, owner.parent_id]})  # fmt: skip
            counts["commitments_escalated"] += 1
    return counts
