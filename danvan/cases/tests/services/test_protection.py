"""The sealed identity: only the head (or the clerk the head designates) opens it, with a reason, logged."""

import datetime as dt

import pytest

from danvan.cases import errors as codes
from danvan.cases.choices import Track
from danvan.cases.services import protection
from danvan.cases.tests.factories import submit
from danvan.core.errors import DomainError, NotFound
from danvan.core.models import AuditEvent
from danvan.org import errors as org_codes

pytestmark = pytest.mark.django_db


def test_the_head_opens_the_identity_with_a_reason_and_it_is_logged(world, second_factor):
    case = submit(track=Track.TO_CAO).case
    verified_at = second_factor(world.head)
    with pytest.raises(DomainError) as refused:
        protection.identity_open(case=case, actor=world.head, reason="xem", second_factor_at=verified_at)
    assert refused.value.code == codes.REASON_REQUIRED
    identity = protection.identity_open(case=case, actor=world.head, reason="Mời người tố cáo đến làm việc",
                                        second_factor_at=verified_at)  # fmt: skip
    assert identity["name"] == "Nguyễn Văn An" and identity["phone"] == "0912345678"
    event = AuditEvent.objects.get(action="cases.identity_open")
    assert event.actor == world.head and event.reason == "Mời người tố cáo đến làm việc"
    assert "Nguyễn" not in str(event.after) and list(protection.identity_accesses(case)) == [event]


@pytest.mark.parametrize("who", ["handler", "other_handler", "inspector", "dan_van", "citizen"])
def test_nobody_else_may_open_it_and_the_answer_is_not_found(world, who):
    case = submit(track=Track.TO_CAO).case
    with pytest.raises(NotFound):
        protection.identity_open(case=case, actor=getattr(world, who), reason="Tôi muốn biết ai tố cáo")
    assert not AuditEvent.objects.filter(action="cases.identity_open").exists()


def test_a_clerk_designated_by_the_head_may_open_it(world, second_factor):
    case = submit(track=Track.TO_CAO).case
    protection.identity_clerk_designate(case=case, actor=world.head, clerk=world.handler, reason="Văn thư mật")
    case.refresh_from_db()
    assert protection.identity_open(case=case, actor=world.handler, reason="Gửi thông báo thụ lý",
                                    second_factor_at=second_factor(world.handler))["name"]  # fmt: skip


@pytest.mark.parametrize("stamp", ["none", "stale", "no_device"])
def test_the_service_refuses_without_a_recent_second_factor(world, second_factor, frozen_clock, stamp):
    """No interface can skip the step-up: the service itself refuses, before any audit or unsealing."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    case = submit(track=Track.TO_CAO).case
    scan = submit_scan(world)
    verified_at = second_factor(world.head)
    if stamp == "none":
        verified_at = None
    elif stamp == "stale":
        frozen_clock.shift(dt.timedelta(minutes=16))  # DANVAN_STEP_UP_MINUTES is 15
    else:
        TOTPDevice.objects.filter(user=world.head).delete()  # a device reset voids a stamp already given
    with pytest.raises(DomainError) as refused:
        protection.identity_open(case=case, actor=world.head, reason="Mời người tố cáo đến làm việc",
                                 second_factor_at=verified_at)  # fmt: skip
    assert refused.value.code == org_codes.SECOND_FACTOR_REQUIRED
    with pytest.raises(DomainError) as refused:
        protection.attachment_read(attachment=scan, actor=world.head, reason="Đối chiếu chữ ký trên đơn",
                                   second_factor_at=verified_at)  # fmt: skip
    assert refused.value.code == org_codes.SECOND_FACTOR_REQUIRED
    assert not AuditEvent.objects.filter(action="cases.identity_open").exists()


def test_fourteen_minutes_after_the_code_the_identity_still_opens(world, second_factor, frozen_clock):
    case = submit(track=Track.TO_CAO).case
    verified_at = second_factor(world.head)
    frozen_clock.shift(dt.timedelta(minutes=14))
    assert protection.identity_open(case=case, actor=world.head, reason="Mời người tố cáo đến làm việc",
                                    second_factor_at=verified_at)["name"]  # fmt: skip


def submit_scan(world):
    from danvan.cases.models import Attachment
    from danvan.cases.services.intake import Petition, case_submit

    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
        b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
    )

    case = case_submit(actor=world.handler, channel="counter", petition=Petition(
        content="Tôi là Nguyễn Văn An. Cán bộ địa chính phường đòi thêm tiền khi cấp giấy chứng nhận.",
        title="Tố cáo", track=Track.TO_CAO, name="Nguyễn Văn An", phone="0912345678", consent=True,
        place_text="phuong phu xuan, hue", petition_scan=("don.png", png),
    )).case  # fmt: skip
    return case.attachments.get(kind=Attachment.Kind.PETITION_SCAN)
