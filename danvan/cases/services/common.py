"""Shared pieces of the case services: the timeline, the audit entry, follow-up notifications."""

from __future__ import annotations

from typing import Any

from danvan.cases.choices import EventVisibility
from danvan.cases.events import CASE_PUBLIC_TEXT_CHANGED, PublicText
from danvan.cases.models import Case, CaseEvent
from danvan.core import events
from danvan.core.audit import audit_record

# What the audit log keeps of a case: its state, never the petitioner's words or identity.
AUDITED_FIELDS = [
    "track", "status", "round", "handling_organization_id", "handler_id", "due_on", "accepted_on", "decided_on",
    "notified_on", "extensions", "outcome", "decision_number", "reject_reason", "published_at", "closed_at",
    "public_hidden_at", "public_hidden_reason", "topic_id",
]  # fmt: skip


def case_state(case: Case) -> dict[str, Any]:
    from danvan.core.audit import snapshot

    return snapshot(case, AUDITED_FIELDS)


def record(
    case: Case,
    *,
    actor: Any,
    action: str,
    before: dict[str, Any] | None,
    from_status: str = "",
    note: str = "",
    document_number: str = "",
    public: bool = False,
    reason: str = "",
    data: dict[str, Any] | None = None,
    notify: str = "",
    private_link: str = "",
) -> CaseEvent:
    """Write the timeline event and the audit event of one step, and its notification.

    The notification rows and their delivery tasks are written in the step's own transaction (the
    outbox, ``core.outbox``): a step that commits has its messages queued, one that rolls back has none.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = CaseEvent.objects.create(
        case=case,
        actor=user,
        action=action,
        from_status=from_status,
        to_status=case.status,
        note=note,
        document_number=document_number,
        visibility=EventVisibility.PUBLIC if public else EventVisibility.INTERNAL,
        data=data or {},
    )
    audit_record(actor=actor, action=f"cases.{action}", obj=case, object_repr=case.tracking_code, before=before,
                 after=case_state(case), reason=reason or note[:500])  # fmt: skip
    if notify:
        from danvan.cases.services.notify import case_notify

        case_notify(case_id=case.pk, template=notify, private_link=private_link)
    return event


def public_text_changed(case: Case) -> None:
    """Tell the listeners (insight's index) the public title and text ``case`` now holds, in this transaction."""
    events.publish(CASE_PUBLIC_TEXT_CHANGED, PublicText(case_id=case.pk, title=case.public_title,
                                                        text=case.public_text))  # fmt: skip
