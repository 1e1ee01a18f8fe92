"""Notifications at the milestones the law names: in-app, email and SMS (through one adapter).

Called inside the case's transaction: the rows and their delivery tasks commit with the case or not
at all (``core.outbox.enqueue_atomically``). The sending itself is a background task, so a slow mail
server never delays a citizen's answer.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings

from danvan.cases import messaging
from danvan.cases.choices import Track
from danvan.cases.models import Case, Notification
from danvan.core.outbox import enqueue_atomically
from danvan.core.tokens import derived_token

log = logging.getLogger(__name__)
SEALED = "sealed"
RATING_PURPOSE = "case-rating"  # the same purpose as surveys.services.invitations

# Milestones a tố cáo's denouncer is told of: they reach the sealed contact only through the
# citizen's own account or private link, never through a message naming them to staff.
CITIZEN_TEMPLATES = {"received", "accepted", "rejected", "transferred", "extended", "suspended", "resumed",
                     "decided", "answered", "withdrawn_terminated"}  # fmt: skip


def _context(case: Case) -> dict[str, Any]:
    base = getattr(settings, "DANVAN_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
    return {
        "tracking_code": case.tracking_code,
        "case_url": f"{base}/tra-cuu/{case.tracking_code}/",
        "kind_label": Track(case.track).label,
        "organization_name": case.handling_organization.name if case.handling_organization else "",
        "due_on": case.due_on,
        "explanation": case.due_explanation,
        # Only what the citizen may read: the note of the last public event (internal notes stay inside).
        "reason": case.events.filter(visibility="public").order_by("-at", "-id").values_list("note", flat=True).first()
        or "",
        "track": case.track,
        "staff_url": f"{base}/van-hanh/ho-so/{case.pk}/",
        "answer_excerpt": (case.answer_text or "")[:300],
        "handler_name": str(case.handler) if case.handler else "",
        "recipient_name": "" if case.is_to_cao else case.contact_name,
    }


def _rating_url(case: Case) -> str:
    base = getattr(settings, "DANVAN_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
    return f"{base}/danh-gia/?k={derived_token(RATING_PURPOSE, case.pk)}"


def case_notify(*, case_id: int, template: str, private_link: str = "") -> list[Notification]:
    """Create the notifications of one milestone and queue their delivery.

    ``private_link`` (only at intake, when the secret is still known) goes into the email and SMS so a
    citizen without an account can follow the case; the delivery task masks the secret in the
    stored copy once the message has left, so the database keeps only its hash.
    """
    case = Case.objects.select_related("handling_organization", "handler", "submitter").get(pk=case_id)
    if template not in CITIZEN_TEMPLATES:
        return []
    message = messaging.render_message(template, _context(case))
    # The rating link is a secret too: it goes only into what leaves (email, SMS), and the delivery
    # task masks it in the stored copy, like the private link.
    rating_url = _rating_url(case) if template == "answered" else ""
    outgoing = (
        messaging.render_message(
            template,
            {**_context(case), "case_url": private_link or _context(case)["case_url"], "rating_url": rating_url},
        )
        if private_link or rating_url
        else message
    )
    created: list[Notification] = []
    if case.submitter_id:
        created.append(Notification.objects.create(case=case, recipient=case.submitter, channel=Notification.Channel.IN_APP,
                                                   template=template, subject=message.subject, body=message.text))  # fmt: skip
    if case.is_to_cao:
        # The denouncer's contact stays sealed: the row only says "sealed", and the delivery task
        # opens the seal at the moment of sending (Luật Tố cáo 2018, Điều 9: the right to be told).
        from danvan.cases.models import SealedIdentity

        sealed = SealedIdentity.objects.filter(case=case).first()
        if sealed is not None:
            for channel, text in (
                (Notification.Channel.EMAIL, outgoing.text),
                (Notification.Channel.SMS, outgoing.sms_text),
            ):
                created.append(Notification.objects.create(case=case, channel=channel, address=SEALED, template=template,
                                                           subject=outgoing.subject, body=text))  # fmt: skip
    email = case.contact_email or (case.submitter.email if case.submitter else "")
    if email and not case.is_to_cao:
        created.append(Notification.objects.create(case=case, channel=Notification.Channel.EMAIL, address=email,
                                                   template=template, subject=outgoing.subject, body=outgoing.text))  # fmt: skip
    if case.contact_phone and not case.is_to_cao:
        created.append(Notification.objects.create(case=case, channel=Notification.Channel.SMS,
                                                   address=case.contact_phone, template=template,
                                                   subject=outgoing.subject, body=outgoing.sms_text))  # fmt: skip
    from danvan.cases.tasks import notification_deliver

    for notification in created:
        if notification.channel != Notification.Channel.IN_APP:
            enqueue_atomically(notification_deliver, notification.pk)
    return created


def staff_notify(*, case: Case, template: str, recipients: list[Any]) -> list[Notification]:
    """Internal reminders and escalations: in-app and email to officers (never naming a denouncer)."""
    message = messaging.render_message(template, _context(case))
    created = []
    for user in recipients:
        created.append(Notification.objects.create(case=case, recipient=user, channel=Notification.Channel.IN_APP,
                                                   template=template, subject=message.subject, body=message.text))  # fmt: skip
        if user.email:
            n = Notification.objects.create(case=case, channel=Notification.Channel.EMAIL, address=user.email,
                                            template=template, subject=message.subject, body=message.text)  # fmt: skip
            created.append(n)
            from danvan.cases.tasks import notification_deliver

            enqueue_atomically(notification_deliver, n.pk)
    return created
