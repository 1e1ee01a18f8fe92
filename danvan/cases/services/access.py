"""The citizen's ways back to a case that are the cases app's: "send me my link again" to the
contact given at submission (``case_link_resend``).

The answer is the same whether or not a case matched (the caller shows one page either way), so the
service returns nothing a page could tell apart; the link goes only to the contact stored with the
case, never to the one typed (a match makes them equal, and the stored one is what is used).

A tố cáo has no contact on the case: the denouncer's phone and email are sealed with their identity
(Luật Tố cáo 2018, Điều 47, 56). Its link is sent again only when the contact typed equals the one
the denouncer sealed, opened in memory for the comparison and never returned, logged or stored; the
message goes to the sealed address (``SEALED``, opened again only by the delivery task), so the
requester learns nothing and the denouncer alone receives it. An anonymous tố cáo has nothing to
compare: nothing is ever sent. The audit entry names the case and the channel, never the contact.
"""

from __future__ import annotations

from django.db import transaction

from danvan.cases.messaging import TEMPLATE_DIR
from danvan.cases.models import Case, SealedIdentity
from danvan.cases.services.notify import ABOUT_CASE, case_private_link, citizen_path
from danvan.cases.short_code import short_code
from danvan.citizens.choices import ContactKind
from danvan.citizens.contacts import Contact, contact_matches
from danvan.core.audit import audit_record
from danvan.files import sealing
from danvan.notifications.choices import Channel
from danvan.notifications.messages import message_render
from danvan.notifications.sealed import SEALED
from danvan.notifications.services import notification_send


def _matches(case: Case, contact: Contact) -> bool:
    if not case.is_to_cao:
        return contact_matches(contact, phone=case.contact_phone, email=case.contact_email)
    sealed = SealedIdentity.objects.filter(case=case).first()
    if sealed is None:  # anonymous: nothing was given, nothing can match
        return False
    identity = sealing.unseal_json(sealed.token)
    return contact_matches(contact, phone=str(identity.get("phone") or ""), email=str(identity.get("email") or ""))


LINK_AGAIN_MESSAGE = "link_again"  # the message template (cases/messages/link_again.txt)


def case_link_resend_request(*, tracking_code: str, contact: Contact) -> None:
    """Queue ``case_link_resend`` for the background worker: the request does the same work whether or
    not the contact matches, so its answer time tells nothing either (a tố cáo's denouncer above all).
    The contact travels sealed through the task table."""
    from danvan.cases.tasks import case_link_resend_sealed
    from danvan.core.outbox import enqueue_atomically

    sealed = sealing.seal_json({"code": tracking_code, "kind": contact.kind, "value": contact.value})
    enqueue_atomically(case_link_resend_sealed, sealed)


@transaction.atomic
def case_link_resend(*, tracking_code: str, contact: Contact) -> None:
    """Send ``tracking_code``'s private link to ``contact`` if it is the contact given with that case;
    otherwise do nothing. Rate limits are the caller's. Returns nothing either way (no enumeration)."""
    case = Case.objects.filter(tracking_code=tracking_code).first()
    matched = case is not None and _matches(case, contact)
    link = case_private_link(case) if case is not None and matched else ""
    channel = Channel.SMS if contact.kind == ContactKind.PHONE else Channel.EMAIL
    if case is not None and link:
        message = message_render(directory=TEMPLATE_DIR, prefix="cases/messages", code=LINK_AGAIN_MESSAGE,
                                 context={"tracking_code": case.tracking_code, "short_code": short_code(case.tracking_code),
                                          "case_url": link})  # fmt: skip
        notification_send(channel=channel, template=LINK_AGAIN_MESSAGE, subject=message.subject,
                          body=message.sms_text if channel == Channel.SMS else message.text,
                          address=SEALED if case.is_to_cao else _stored_address(case, contact),
                          about_kind=ABOUT_CASE, about_id=case.pk, about_label=case.tracking_code,
                          link=citizen_path(case))  # fmt: skip
    audit_record(actor=None, action="cases.link_resend", object_type="cases.case",
                 object_id=str(case.pk) if case is not None else "", object_repr=case.tracking_code if case else "",
                 after={"channel": channel, "sent": bool(link)})  # fmt: skip


def _stored_address(case: Case, contact: Contact) -> str:
    """The address as the case keeps it (the phone as the citizen wrote it), which the contact matched."""
    return case.contact_phone if contact.kind == ContactKind.PHONE else case.contact_email
