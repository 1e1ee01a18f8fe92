"""The citizen's ways back to a case that are the cases app's: the private link in every message that
leaves, and "send me my link again" (``services.access.case_link_resend``)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from danvan.cases.choices import Status, Track
from danvan.cases.services.access import case_link_resend
from danvan.cases.services.intake import case_access_token
from danvan.cases.tests.factories import case_at, submit
from danvan.citizens.contacts import contact_parse
from danvan.core.models import AuditEvent
from danvan.notifications.channels import get_sms_gateway
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://\S+/tra-cuu/([A-Z0-9-]+)/\?k=([0-9a-f]{40})")


@pytest.fixture(autouse=True)
def _empty_sms():
    get_sms_gateway().clear()  # type: ignore[attr-defined]
    yield


def _opens(url: str) -> bool:
    """Does ``url`` open the case in a browser that never saw it (no session, no account)?"""
    client = Client()
    parts = urlsplit(url)
    first = client.get(f"{parts.path}?{parts.query}")
    if first.status_code != 303:
        return False
    page = client.get(first["Location"])
    return page.status_code == 200 and "status_short" in page.context


def test_the_answered_email_and_sms_carry_a_private_link_that_works_by_itself(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = case_at(Status.ANSWERED, handler=world.handler, head=world.head)
    [email] = [m for m in mail.outbox if m.subject.startswith("Đã có văn bản trả lời")]
    found = LINK.search(email.body)
    assert found is not None
    assert found.group(1) == case.tracking_code and found.group(2) == case_access_token(case)
    assert _opens(found.group(0))
    sms = [s for s in get_sms_gateway().outbox if s.phone == "0912345678"][-1]  # type: ignore[attr-defined]
    assert LINK.search(sms.text) is not None and LINK.search(sms.text).group(2) == case_access_token(case)


def test_every_citizen_message_that_leaves_carries_the_link_and_no_stored_copy_keeps_the_secret(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = case_at(Status.ANSWERED, handler=world.handler, head=world.head)
    token = case_access_token(case)
    rows = Notification.objects.filter(about_kind="cases.case", about_id=case.pk)
    outgoing = rows.exclude(channel=Notification.Channel.IN_APP)
    assert sorted(set(outgoing.values_list("template", flat=True))) == ["answered", "received"]
    sent = [m.body for m in mail.outbox if m.to == ["an@example.vn"]]
    assert len(sent) == 2 and all(f"?k={token}" in body for body in sent)
    assert all(row.sent_at is not None for row in outgoing)
    assert not any(token in row.body for row in rows)  # the stored copies: masked, and in-app never had it
    assert all("?k=[đã ẩn]" in row.body for row in outgoing)


def test_messages_name_the_short_code(world, django_capture_on_commit_callbacks):
    from danvan.cases.short_code import short_code

    with django_capture_on_commit_callbacks(execute=True):
        case = submit().case
    assert f"Mã ngắn (đọc hoặc nhập trên điện thoại): {short_code(case.tracking_code)}" in mail.outbox[-1].body


# Send me my link again ------------------------------------------------------------------------------


def _resend(code: str, contact: str, capture) -> None:
    parsed = contact_parse(contact)
    assert parsed is not None
    mail.outbox.clear()
    get_sms_gateway().clear()  # type: ignore[attr-defined]
    with capture(execute=True):
        case_link_resend(tracking_code=code, contact=parsed)


def test_the_link_goes_again_to_the_phone_given_however_it_is_typed(world, django_capture_on_commit_callbacks):
    case = submit(phone="0912 345 678").case
    _resend(case.tracking_code, "+84 912.345.678", django_capture_on_commit_callbacks)
    [sms] = get_sms_gateway().outbox  # type: ignore[attr-defined]
    assert sms.phone == "0912 345 678"  # the number as the case keeps it
    found = LINK.search(sms.text)
    assert found is not None and found.group(2) == case_access_token(case) and _opens(found.group(0))
    assert mail.outbox == []
    row = Notification.objects.get(about_id=case.pk, template="link_again")
    assert row.channel == Notification.Channel.SMS and case_access_token(case) not in row.body
    event = AuditEvent.objects.get(action="cases.link_resend")
    assert (event.object_id, event.after) == (str(case.pk), {"channel": "sms", "sent": True})
    assert "912" not in str(event.after) + event.reason + event.object_repr


def test_the_link_goes_again_to_the_email_given(world, django_capture_on_commit_callbacks):
    case = submit(email="An@Example.vn").case
    _resend(case.tracking_code, "an@example.VN", django_capture_on_commit_callbacks)
    [email] = mail.outbox
    assert email.to == ["An@Example.vn"] and f"?k={case_access_token(case)}" in email.body
    assert list(get_sms_gateway().outbox) == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("contact", ["0987 654 321", "other@example.vn"])
def test_another_contact_gets_nothing_and_the_audit_says_not_sent(world, django_capture_on_commit_callbacks, contact):
    case = submit().case
    _resend(case.tracking_code, contact, django_capture_on_commit_callbacks)
    assert mail.outbox == [] and list(get_sms_gateway().outbox) == []  # type: ignore[attr-defined]
    assert not Notification.objects.filter(template="link_again").exists()
    assert AuditEvent.objects.get(action="cases.link_resend").after == {
        "channel": "sms" if "@" not in contact else "email",
        "sent": False,
    }


def test_a_code_that_does_not_exist_sends_nothing(world, django_capture_on_commit_callbacks):
    _resend("PA-2601-ZZZZZZ", "0912345678", django_capture_on_commit_callbacks)
    assert mail.outbox == [] and list(get_sms_gateway().outbox) == []  # type: ignore[attr-defined]
    event = AuditEvent.objects.get(action="cases.link_resend")
    assert (event.object_id, event.after) == ("", {"channel": "sms", "sent": False})


def test_a_denunciation_link_goes_only_to_the_sealed_contact_the_denouncer_gave(
    world, django_capture_on_commit_callbacks
):
    case = submit(track=Track.TO_CAO, phone="0903 111 222", email="to-cao@example.vn").case
    assert case.contact_phone == "" and case.contact_email == ""
    _resend(case.tracking_code, "0903111222", django_capture_on_commit_callbacks)
    [sms] = get_sms_gateway().outbox  # type: ignore[attr-defined]
    assert sms.phone == "0903 111 222" and f"?k={case_access_token(case)}" in sms.text
    row = Notification.objects.get(about_id=case.pk, template="link_again")
    assert row.address == "sealed"  # the row never names the denouncer's contact
    _resend(case.tracking_code, "0912345678", django_capture_on_commit_callbacks)
    assert list(get_sms_gateway().outbox) == []  # type: ignore[attr-defined]


def test_an_anonymous_denunciation_never_sends_anything(world, django_capture_on_commit_callbacks):
    case = submit(track=Track.TO_CAO, is_anonymous=True).case
    _resend(case.tracking_code, "0912345678", django_capture_on_commit_callbacks)
    _resend(case.tracking_code, "an@example.vn", django_capture_on_commit_callbacks)
    assert mail.outbox == [] and list(get_sms_gateway().outbox) == []  # type: ignore[attr-defined]
