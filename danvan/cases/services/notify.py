"""Notifications at the milestones the law names: in-app, email and SMS.

Which milestone tells whom, and in which words, is the cases app's (``messaging``); the rows, their
delivery and the channels are the notifications foundation's (``notifications.services``). Called
inside the case's transaction: the rows and their delivery tasks commit with the case or not at all
(``core.outbox.enqueue_atomically``, through ``notification_send``). The sending itself is a
background task, so a slow mail server never delays a citizen's answer.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings

from danvan.cases import messaging, staff_texts
from danvan.cases.choices import Track
from danvan.cases.models import Case, SealedIdentity
from danvan.cases.short_code import short_code
from danvan.core.tokens import derived_token
from danvan.files import sealing
from danvan.notifications.choices import Channel
from danvan.notifications.sealed import SEALED
from danvan.notifications.services import notification_send, notifications_forget

if TYPE_CHECKING:
    from danvan.notifications.models import Notification

log = logging.getLogger(__name__)
ABOUT_CASE = "cases.case"  # how a notification names the case it is about (notifications.about_kind)
RATING_PURPOSE = "case-rating"  # the same purpose as surveys.services.invitations

# Milestones a tố cáo's denouncer is told of: they reach the sealed contact only through the
# citizen's own account or private link, never through a message naming them to staff.
CITIZEN_TEMPLATES = {"received", "accepted", "rejected", "transferred", "extended", "suspended", "resumed",
                     "decided", "answered", "withdrawn_terminated", "court_terminated", "merged"}  # fmt: skip


def citizen_path(case: Case) -> str:
    """The citizen's page of a case (the owner, signed in, needs no secret there)."""
    return f"/tra-cuu/{case.tracking_code}/"


def staff_path(case: Case) -> str:
    """The officers' page of a case."""
    return f"/van-hanh/ho-so/{case.pk}/"


def _base() -> str:
    return str(getattr(settings, "DANVAN_PUBLIC_URL", "http://127.0.0.1:8000")).rstrip("/")


def _context(case: Case) -> dict[str, Any]:
    base = _base()
    return {
        "tracking_code": case.tracking_code,
        "short_code": short_code(case.tracking_code),
        "case_url": base + citizen_path(case),
        "kind_label": Track(case.track).label,
        "organization_name": case.handling_organization.name if case.handling_organization else "",
        "due_on": case.due_on,
        "explanation": case.due_explanation,
        # Only what the citizen may read: the note of the last public event (internal notes stay inside).
        "reason": case.events.filter(visibility="public").order_by("-at", "-id").values_list("note", flat=True).first()
        or "",
        "track": case.track,
        "staff_url": base + staff_path(case),
        "answer_excerpt": (case.answer_text or "")[:300],
        "handler_name": str(case.handler) if case.handler else "",
        "recipient_name": "" if case.is_to_cao else case.contact_name,
        # Feedback only: another complaint's or denunciation's code is not this petitioner's to know.
        "original_code": case.duplicate_of.tracking_code
        if case.duplicate_of is not None and case.track == Track.PAKN
        else "",
    }


def case_private_link(case: Case) -> str:
    """The private link of ``case`` (its secret rebuilt from the salt), for a message that leaves; ""
    when it cannot be rebuilt (a case stored before salts)."""
    from danvan.cases.services.intake import case_access_token

    token = case_access_token(case)
    return f"{_base()}{citizen_path(case)}?k={token}" if token else ""


def _rating_url(case: Case) -> str:
    return f"{_base()}/danh-gia/?k={derived_token(RATING_PURPOSE, case.pk)}"


def _send(case: Case, link: str, **fields: Any) -> Notification:
    return notification_send(about_kind=ABOUT_CASE, about_id=case.pk, about_label=case.tracking_code, link=link,
                             **fields)  # fmt: skip


def sealed_contact(case_id: int, channel: str) -> str:
    """The denouncer's email or phone, opened from the seal at the moment of sending (registered with
    ``notifications.sealed`` for "cases.case" in ``CasesConfig.ready``); "" when none was given."""
    sealed = SealedIdentity.objects.filter(case_id=case_id).first()
    identity = sealing.unseal_json(sealed.token) if sealed else {}
    return str(identity.get("email" if channel == Channel.EMAIL else "phone", "") or "")


def case_notify(*, case_id: int, template: str, private_link: str = "") -> list[Notification]:
    """Create the notifications of one milestone and queue their delivery.

    The case's private link goes into every email and SMS, so that each works by itself for a
    citizen without an account: ``private_link`` at intake, otherwise rebuilt from the case's salt
    (``intake.case_access_token``). Only what leaves carries it: the in-app copy links to the page
    without a secret, and the delivery task masks the secret in the stored copy once the message has
    left, so the database keeps only its hash (as for the rating link).
    """
    case = Case.objects.select_related("handling_organization", "handler", "submitter").get(pk=case_id)
    if template not in CITIZEN_TEMPLATES:
        return []
    private_link = private_link or case_private_link(case)
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
    link = citizen_path(case)
    created: list[Notification] = []
    if case.submitter_id:
        created.append(_send(case, link, recipient=case.submitter, channel=Channel.IN_APP,
                             template=template, subject=message.subject, body=message.text))  # fmt: skip
    # The denouncer's contact stays sealed: the row only says "sealed", and the delivery task opens
    # the seal at the moment of sending (Luật Tố cáo 2018, Điều 9: the right to be told).
    if case.is_to_cao and SealedIdentity.objects.filter(case=case).exists():
        for channel, text in ((Channel.EMAIL, outgoing.text), (Channel.SMS, outgoing.sms_text)):
            created.append(_send(case, link, channel=channel, address=SEALED, template=template,
                                 subject=outgoing.subject, body=text))  # fmt: skip
    email = case.contact_email or (case.submitter.email if case.submitter else "")
    if email and not case.is_to_cao:
        created.append(_send(case, link, channel=Channel.EMAIL, address=email, template=template,
                             subject=outgoing.subject, body=outgoing.text))  # fmt: skip
    if case.contact_phone and not case.is_to_cao:
        created.append(_send(case, link, channel=Channel.SMS, address=case.contact_phone,
                             template=template, subject=outgoing.subject, body=outgoing.sms_text))  # fmt: skip
    return created


def staff_notify(*, case: Case, template: str, recipients: list[Any]) -> list[Notification]:
    """Internal reminders and escalations: in-app and email to officers (never naming a denouncer).

    The in-app message is a few readable lines with the link to the case (``staff_texts``); the email
    carries the full letter."""
    message = messaging.render_message(template, _context(case))
    link = staff_path(case)
    short = staff_texts.in_app(template, case)
    created = []
    for user in recipients:
        created.append(_send(case, link, recipient=user, channel=Channel.IN_APP, template=template,
                             subject=short.subject if short else message.subject,
                             body=short.body if short else message.text))  # fmt: skip
        if user.email:
            created.append(_send(case, link, channel=Channel.EMAIL, address=user.email,
                                 template=template, subject=message.subject, body=message.text))  # fmt: skip
    return created


def staff_tell(*, case: Case, template: str, recipients: list[Any], **facts: Any) -> list[Notification]:
    """Tell officers in the app that a case became theirs (assigned, transferred to their body): a few
    readable lines and the link to the case page (``staff_texts``), nothing of the petitioner. Called
    inside the step's transaction, like every notification."""
    short = staff_texts.in_app(template, case, **facts)
    if short is None:
        raise ValueError(f"no in-app text for {template!r}")
    link = staff_path(case)
    return [_send(case, link, recipient=user, channel=Channel.IN_APP, template=template, subject=short.subject,
                  body=short.body) for user in recipients]  # fmt: skip


def case_notifications_forget(sender: Any, instance: Case, **kwargs: Any) -> None:
    """After a case is deleted (a purge), delete its notifications: the foreign key's cascade of old."""
    notifications_forget(about_kind=ABOUT_CASE, about_ids=[instance.pk])
