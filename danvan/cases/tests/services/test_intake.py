"""Intake: stored whole or not at all, once per idempotency key, routed, on its clock."""

import pytest

from danvan.cases import errors as codes
from danvan.cases.choices import Status, Track
from danvan.cases.models import Case, CaseEvent, SealedIdentity
from danvan.cases.services.intake import InvalidPetition
from danvan.cases.tests.factories import petition, submit
from danvan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_petition_becomes_a_routed_case_with_its_clock_event_and_audit(world, frozen_clock):
    result = submit()
    case = result.case
    assert result.created and len(result.access_token) >= 30
    assert case.tracking_code.startswith("PA-2602-")
    assert case.access_token_hash != result.access_token
    assert case.place_unit.name == "Phường Phú Xuân"
    assert case.handling_organization == world.phuong
    assert case.status == Status.RECEIVED and case.due_on is not None and case.due_step == "pakn.tra_loi"
    assert "ngày làm việc" in case.due_explanation
    assert CaseEvent.objects.filter(case=case, action="submit", visibility="public").exists()
    audit = AuditEvent.objects.get(action="cases.submit", object_id=str(case.pk))
    assert "Nguyễn Văn An" not in str(audit.after)  # the audit log keeps state, not personal data


def test_the_same_idempotency_key_stores_once():
    from django.contrib.auth.models import AnonymousUser

    from danvan.cases.services.intake import case_submit

    first = case_submit(actor=AnonymousUser(), petition=petition(), idempotency_key="abc-123")
    again = case_submit(actor=AnonymousUser(), petition=petition(), idempotency_key="abc-123")
    assert first.created and not again.created and again.access_token == first.access_token
    assert again.case.pk == first.case.pk and Case.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"content": "   "}, "content"),
        ({"content": "Xin <script>alert(1)</script> giải quyết giúp"}, "content"),
        ({"place_text": "Phường Không Tồn Tại, Tỉnh Không Có"}, "place_text"),
        ({"consent": False}, "consent"),
        ({"name": "", "track": "khieu_nai"}, "name"),
        ({"track": "khieu_nai", "is_anonymous": True}, "is_anonymous"),
        ({"files": [("anh.jpg", b"MZ\x90\x00 this is a windows program")]}, "files"),
        ({"files": [("anh.png", b"<html><script>alert(1)</script></html>")]}, "files"),
        ({"latitude": 48, "longitude": 2}, "latitude"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_stored(world, overrides, field):
    from decimal import Decimal

    if "latitude" in overrides:
        overrides = {"latitude": Decimal(overrides["latitude"]), "longitude": Decimal(overrides["longitude"])}
    with pytest.raises(InvalidPetition) as caught:
        submit(**overrides)
    assert caught.value.code == codes.INVALID_PETITION and caught.value.details.get(field)
    assert Case.objects.count() == 0 and AuditEvent.objects.filter(action="cases.submit").count() == 0


def test_an_oversize_file_is_refused(world):
    with pytest.raises(InvalidPetition) as caught:
        submit(files=[("scan.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024) + b"\n%%EOF\n")])
    assert caught.value.code == codes.INVALID_PETITION and "files" in caught.value.details
    assert Case.objects.count() == 0


def test_a_to_cao_identity_is_sealed_and_kept_out_of_the_case(world):
    case = submit(track=Track.TO_CAO, content="Tôi, Nguyễn Văn An (0912345678), tố cáo cán bộ X nhận tiền.").case
    assert (case.contact_name, case.contact_phone, case.contact_email) == ("", "", "")
    sealed = SealedIdentity.objects.get(case=case)
    assert "Nguyễn" not in sealed.token and "0912345678" not in sealed.token
    assert "Nguyễn Văn An" not in case.redacted_content and "0912345678" not in case.redacted_content
    assert "Nguyễn" not in case.search_text.replace("nguyen", "")


def test_an_anonymous_to_cao_is_information_only(world):
    case = submit(track=Track.TO_CAO, is_anonymous=True, name="", phone="", email="").case
    assert case.status == Status.INFO_ONLY and not SealedIdentity.objects.filter(case=case).exists()


def test_an_unclassified_petition_waits_for_staff_with_the_feedback_clock(world):
    case = submit(track=Track.UNCLASSIFIED).case
    assert case.track == Track.UNCLASSIFIED and case.due_step == "pakn.tra_loi"


def test_counter_entry_needs_the_counter_role(world):
    from danvan.cases.services.intake import case_submit
    from danvan.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        case_submit(actor=world.citizen, petition=petition(), channel="counter")
    result = case_submit(actor=world.handler, petition=petition(), channel="counter")
    assert result.case.channel == "counter" and result.case.submitter is None


def test_a_signed_in_citizen_owns_their_case(world):
    case = submit(actor=world.citizen).case
    assert case.submitter == world.citizen


def test_anonymous_means_no_contact_is_kept(world):
    case = submit(is_anonymous=True).case
    assert (case.contact_name, case.contact_phone, case.contact_email) == ("", "", "")


def test_a_to_cao_letter_is_kept_redacted_in_clear_and_whole_under_seal(world):
    from danvan.files import sealing

    letter = "Tôi là Nguyễn Văn An, số điện thoại 0912345678, tố cáo cán bộ X nhận tiền."
    case = submit(track=Track.TO_CAO, content=letter).case
    assert "Nguyễn Văn An" not in case.content and "tố cáo cán bộ X nhận tiền" in case.content
    assert sealing.unseal_json(SealedIdentity.objects.get(case=case).token)["content"] == letter


def test_the_receipt_email_carries_the_private_link_and_the_stored_copy_does_not(
    world, django_capture_on_commit_callbacks
):
    from django.core import mail

    from danvan.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        result = submit()
    assert any(result.access_token in m.body for m in mail.outbox)
    stored = Notification.objects.get(about_kind="cases.case", about_id=result.case.pk, channel="email")
    assert stored.sent_at is not None and result.access_token not in stored.body and "[đã ẩn]" in stored.body


def test_a_denouncer_is_told_through_the_sealed_contact_and_no_row_keeps_it(world, django_capture_on_commit_callbacks):
    from django.core import mail

    from danvan.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        case = submit(track=Track.TO_CAO).case
    assert [m.to for m in mail.outbox] == [["an@example.vn"]]
    rows = Notification.objects.filter(about_kind="cases.case", about_id=case.pk)
    assert {n.address for n in rows} == {"sealed"}
    assert all("Nguyễn" not in n.body and "0912345678" not in n.body for n in rows)
    assert "tố cáo" not in mail.outbox[0].subject.lower()
