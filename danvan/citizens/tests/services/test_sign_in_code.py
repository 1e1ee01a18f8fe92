"""Sign-in by a one-time code: sent, hashed at rest, short-lived, limited tries, one account per contact."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from danvan.citizens import services
from danvan.citizens.contacts import Contact, contact_parse
from danvan.citizens.models import SignInCode, VerifiedContact
from danvan.citizens.selectors import verified_contacts
from danvan.core.models import AuditEvent
from danvan.notifications.channels import get_sms_gateway
from danvan.notifications.models import Notification
from danvan.org.models import User

pytestmark = pytest.mark.django_db
EMAIL = Contact("email", "dan@example.vn")
PHONE = Contact("phone", "+84912000111")


def _code_sent(contact: Contact, capture) -> str:
    mail.outbox.clear()
    get_sms_gateway().clear()  # type: ignore[attr-defined]
    with capture(execute=True):
        services.sign_in_code_send(contact=contact)
    text = mail.outbox[-1].body if contact.kind == "email" else get_sms_gateway().outbox[-1].text  # type: ignore[attr-defined]
    found = re.search(r"#(\d{6})\s*$", text)
    assert found is not None, text
    return found.group(1)


def test_contacts_are_read_in_one_form_for_matching():
    assert contact_parse(" 0912 000 111 ") == PHONE
    assert contact_parse("+84 912.000.111") == PHONE
    assert contact_parse("Dan@Example.VN") == EMAIL
    assert contact_parse("not a contact") is None and contact_parse("a@b") is None and contact_parse("") is None


def test_the_code_is_sent_by_email_and_only_digests_are_kept(frozen_clock, django_capture_on_commit_callbacks):
    code = _code_sent(EMAIL, django_capture_on_commit_callbacks)
    [row] = SignInCode.objects.all()
    assert code not in row.code_digest and "dan@example.vn" not in row.contact_digest
    assert row.expires_at - row.created_at == dt.timedelta(minutes=10)
    email = mail.outbox[-1]
    assert email.to == ["dan@example.vn"] and email.subject == "Mã đăng nhập Dân Vận Số"
    assert email.body.rstrip().endswith(f"#{code}")
    stored = Notification.objects.get(template="citizens.sign_in_code")
    assert stored.sent_at is not None and code not in stored.body and code not in stored.subject
    assert stored.body.rstrip().endswith("#[đã ẩn]")
    event = AuditEvent.objects.get(action="citizens.sign_in_code_sent")
    assert event.after == {"kind": "email"} and "dan@" not in event.object_id


def test_the_code_is_sent_by_sms_to_a_phone(django_capture_on_commit_callbacks):
    code = _code_sent(PHONE, django_capture_on_commit_callbacks)
    sms = get_sms_gateway().outbox[-1]  # type: ignore[attr-defined]
    assert sms.phone == "+84912000111" and f"Ma dang nhap Dan Van So: {code}" in sms.text


def test_the_right_code_signs_in_and_opens_an_account_without_a_password_on_first_use(
    django_capture_on_commit_callbacks,
):
    code = _code_sent(EMAIL, django_capture_on_commit_callbacks)
    user = services.sign_in_code_check(contact=EMAIL, code=code)
    assert user.email == "dan@example.vn" and not user.has_usable_password() and user.username.startswith("cd-")
    assert verified_contacts(user=user) == [EMAIL]
    assert AuditEvent.objects.filter(action="citizens.account_created", object_id=str(user.pk)).count() == 1
    again = services.sign_in_code_check(contact=EMAIL, code=_code_sent(EMAIL, django_capture_on_commit_callbacks))
    assert again.pk == user.pk and User.objects.filter(username__startswith="cd-").count() == 1


def test_a_code_signs_in_once(django_capture_on_commit_callbacks):
    code = _code_sent(PHONE, django_capture_on_commit_callbacks)
    services.sign_in_code_check(contact=PHONE, code=code)
    with pytest.raises(services.SignInRefused) as refused:
        services.sign_in_code_check(contact=PHONE, code=code)
    assert refused.value.code == "sign_in_code_invalid"


def test_a_code_is_for_its_contact_only(django_capture_on_commit_callbacks):
    code = _code_sent(PHONE, django_capture_on_commit_callbacks)
    with pytest.raises(services.SignInRefused):
        services.sign_in_code_check(contact=EMAIL, code=code)


def test_a_code_expires_after_ten_minutes(frozen_clock, django_capture_on_commit_callbacks):
    code = _code_sent(PHONE, django_capture_on_commit_callbacks)
    frozen_clock.shift(dt.timedelta(minutes=10, seconds=1))
    with pytest.raises(services.SignInRefused):
        services.sign_in_code_check(contact=PHONE, code=code)
    assert AuditEvent.objects.get(action="citizens.sign_in_code_refused").reason == "no live code"


def test_a_code_still_works_just_before_it_expires(frozen_clock, django_capture_on_commit_callbacks):
    code = _code_sent(PHONE, django_capture_on_commit_callbacks)
    frozen_clock.shift(dt.timedelta(minutes=9, seconds=59))
    assert services.sign_in_code_check(contact=PHONE, code=code).phone == "+84912000111"


def test_five_wrong_tries_use_up_the_code_even_for_the_right_one(django_capture_on_commit_callbacks):
    code = _code_sent(PHONE, django_capture_on_commit_callbacks)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(services.MAX_ATTEMPTS):
        with pytest.raises(services.SignInRefused):
            services.sign_in_code_check(contact=PHONE, code=wrong)
    with pytest.raises(services.SignInRefused):
        services.sign_in_code_check(contact=PHONE, code=code)
    reasons = list(AuditEvent.objects.filter(action="citizens.sign_in_code_refused").values_list("reason", flat=True))
    assert sorted(reasons) == ["too many attempts"] + ["wrong code"] * 5
    assert not VerifiedContact.objects.exists()


def test_a_new_code_replaces_the_old_one(django_capture_on_commit_callbacks):
    first = _code_sent(PHONE, django_capture_on_commit_callbacks)
    second = _code_sent(PHONE, django_capture_on_commit_callbacks)
    if first != second:
        with pytest.raises(services.SignInRefused):
            services.sign_in_code_check(contact=PHONE, code=first)
    assert services.sign_in_code_check(contact=PHONE, code=second).phone == "+84912000111"


def test_an_officer_whose_email_is_the_same_is_never_signed_into(django_capture_on_commit_callbacks):
    officer = User.objects.create_user(username="canbo", email="dan@example.vn", password="x-long-password-1")
    user = services.sign_in_code_check(contact=EMAIL, code=_code_sent(EMAIL, django_capture_on_commit_callbacks))
    assert user.pk != officer.pk
