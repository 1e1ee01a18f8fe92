"""Handling: each step checks permission, moves the state, keeps the clock, writes timeline and audit."""

import datetime as dt

import pytest

from danvan.cases import errors as codes
from danvan.cases.choices import Status, Track
from danvan.cases.models import Case
from danvan.cases.services import handling
from danvan.cases.tests.factories import submit
from danvan.core.clock import VIETNAM
from danvan.core.errors import DomainError, PermissionDenied
from danvan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def at(frozen_clock, day: dt.date) -> None:
    frozen_clock.move_to(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VIETNAM))


def test_a_complaint_from_receipt_to_legal_effect(world, frozen_clock):
    case = submit(track=Track.KHIEU_NAI).case  # received Thursday 05/02/2026
    assert case.due_step == "khieu_nai.thu_ly_lan_1"
    handling.case_accept(case=case, actor=world.handler, document_number="01/TB-UBND")
    assert case.status == Status.ACCEPTED and case.accepted_on == dt.date(2026, 2, 5)
    # Luật Khiếu nại 2011, Điều 28: 30 days from 05/02/2026 → Saturday 07/03 → Monday 09/03/2026.
    assert case.due_on == dt.date(2026, 3, 9) and case.due_step == "khieu_nai.giai_quyet_lan_1"
    handling.case_start_verification(case=case, actor=world.handler)
    with pytest.raises(PermissionDenied):
        handling.case_decide(case=case, actor=world.handler, outcome="right", decision_number="5/QĐ-UBND",
                             answer_text="Khiếu nại đúng.")  # fmt: skip
    handling.case_decide(case=case, actor=world.head, outcome="partly_right", decision_number="5/QĐ-UBND",
                         answer_text="Khiếu nại đúng một phần.")  # fmt: skip
    assert case.status == Status.DECIDED and case.due_step == "khieu_nai.gui_quyet_dinh_lan_1"
    handling.case_send_decision(case=case, actor=world.handler)
    assert case.status == Status.NOTIFIED and case.due_on is None
    handling.case_finalize(case=case, actor=world.handler)
    handling.case_close(case=case, actor=world.handler)
    assert case.status == Status.CLOSED and case.closed_at is not None
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["submit", "accept", "start_verification", "decide", "send_decision", "finalize", "close"]
    assert AuditEvent.objects.filter(object_id=str(case.pk), action__startswith="cases.").count() == 7


def test_an_officer_of_another_body_cannot_touch_the_case(world):
    case = submit().case
    with pytest.raises(PermissionDenied):
        handling.case_register(case=case, actor=world.other_handler)
    with pytest.raises(PermissionDenied):
        handling.case_register(case=case, actor=world.dan_van)  # oversight reads, does not handle
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED


def test_a_move_the_law_does_not_allow_is_refused_and_changes_nothing(world):
    case = submit(track=Track.KHIEU_NAI).case
    with pytest.raises(DomainError) as caught:
        handling.case_send_decision(case=case, actor=world.handler)
    assert caught.value.code == codes.TRANSITION_NOT_ALLOWED
    assert case.events.count() == 1


def test_a_pakn_that_is_really_a_complaint_is_moved_not_refused(world):
    case = submit().case
    handling.case_classify(case=case, actor=world.handler, track=Track.KHIEU_NAI)
    assert case.track == Track.KHIEU_NAI and case.status == Status.RECEIVED
    assert case.due_step == "khieu_nai.thu_ly_lan_1"


def test_moving_onto_the_to_cao_track_seals_the_identity(world):
    from danvan.cases.models import SealedIdentity

    case = submit(content="Tôi là Nguyễn Văn An, tố cáo cán bộ địa chính nhận tiền của dân.").case
    handling.case_classify(case=case, actor=world.handler, track=Track.TO_CAO)
    case.refresh_from_db()
    assert case.contact_name == "" and SealedIdentity.objects.filter(case=case).exists()
    assert "Nguyễn Văn An" not in case.redacted_content


def test_a_transfer_moves_the_case_and_restarts_the_receiving_clock(world, frozen_clock):
    case = submit().case
    at(frozen_clock, dt.date(2026, 2, 9))
    with pytest.raises(DomainError) as refused:
        handling.case_transfer(case=case, actor=world.handler, to=world.other, reason="  ")
    assert refused.value.code == codes.REQUIRED
    handling.case_transfer(case=case, actor=world.handler, to=world.other, reason="Thuộc địa bàn Kim Long")
    assert case.handling_organization == world.other and case.received_on == dt.date(2026, 2, 9)
    with pytest.raises(PermissionDenied):
        handling.case_register(case=case, actor=world.handler)
    handling.case_register(case=case, actor=world.other_handler)


def test_rejection_needs_a_legal_ground_of_the_track(world):
    case = submit(track=Track.KHIEU_NAI).case
    with pytest.raises(DomainError) as refused:
        handling.case_reject(case=case, actor=world.handler, reason="made-up")
    assert refused.value.code == codes.BAD_REASON
    handling.case_reject(case=case, actor=world.handler, reason="6")  # Điều 11(6): time-barred
    assert case.status == Status.REJECTED and "Điều 11 khoản 6" in case.events.last().note


def test_suspension_stops_the_clock_and_resumption_restarts_it(world, frozen_clock):
    case = submit(track=Track.TO_CAO).case
    handling.case_accept(case=case, actor=world.handler)  # 05/02/2026: 30 days → 07/03 (Sat) → 09/03
    handling.case_start_verification(case=case, actor=world.handler)
    assert case.due_on == dt.date(2026, 3, 9)
    at(frozen_clock, dt.date(2026, 2, 10))
    handling.case_suspend(case=case, actor=world.head, reason="Chờ kết quả giám định", decision_number="7/QĐ")
    assert case.status == Status.SUSPENDED
    at(frozen_clock, dt.date(2026, 2, 20))
    handling.case_resume(case=case, actor=world.head, decision_number="9/QĐ")
    assert case.status == Status.VERIFYING
    # 10 days (11/02–20/02) did not count: 30 days end 17/03/2026 (Tuesday).
    assert case.due_on == dt.date(2026, 3, 17)


def test_a_suspension_of_an_earlier_step_does_not_stop_the_next_steps_clock(world, frozen_clock):
    case = submit(track=Track.KHIEU_NAI).case
    handling.case_accept(case=case, actor=world.head)
    handling.case_start_verification(case=case, actor=world.handler)
    at(frozen_clock, dt.date(2026, 2, 10))
    handling.case_suspend(case=case, actor=world.head, reason="Chờ kết quả giám định", decision_number="7/QĐ")
    at(frozen_clock, dt.date(2026, 2, 20))
    handling.case_resume(case=case, actor=world.head, decision_number="9/QĐ")
    at(frozen_clock, dt.date(2026, 3, 2))
    handling.case_decide(case=case, actor=world.head, outcome="right", decision_number="5/QĐ", answer_text="Đúng.")
    # The clock of "send the decision" starts at the decision: the February suspension is not part of it.
    assert case.status == Status.DECIDED and case.due_on is not None and case.due_on > dt.date(2026, 3, 2)


def test_extensions_follow_the_complexity_recorded(world):
    case = submit(track=Track.TO_CAO).case
    handling.case_accept(case=case, actor=world.handler)
    handling.case_start_verification(case=case, actor=world.handler)
    with pytest.raises(DomainError) as refused:
        handling.case_extend(case=case, actor=world.head, decision_number="1/QĐ-GH", reason="Cần xác minh thêm")
    assert refused.value.code == codes.EXTENSION_NOT_ALLOWED
    handling.case_set_complexity(case=case, actor=world.head, criteria=["a"])
    before = case.due_on
    handling.case_extend(case=case, actor=world.head, decision_number="1/QĐ-GH", reason="Cần xác minh thêm")
    assert case.extensions == 1 and case.due_on > before
    with pytest.raises(DomainError) as refused:
        handling.case_extend(case=case, actor=world.head, decision_number="2/QĐ-GH", reason="Cần xác minh thêm")
    assert refused.value.code == codes.EXTENSION_NOT_ALLOWED


def test_a_second_complaint_opens_round_two_once(world):
    first = submit(actor=world.citizen, track=Track.KHIEU_NAI).case
    handling.case_accept(case=first, actor=world.handler)
    handling.case_start_verification(case=first, actor=world.handler)
    handling.case_decide(case=first, actor=world.head, outcome="wrong", decision_number="3/QĐ", answer_text="Sai.")
    handling.case_send_decision(case=first, actor=world.handler)
    second = handling.case_second_complaint(
        case=first, actor=world.citizen, content="Tôi không đồng ý với quyết định số 3/QĐ."
    )
    assert second.round == 2 and second.previous == first and second.due_step == "khieu_nai.thu_ly_lan_2"
    assert second.handling_organization == world.ubnd_tinh  # the superior of the first-time body
    with pytest.raises(DomainError) as refused:
        handling.case_second_complaint(case=first, actor=world.citizen, content="Lần nữa, tôi không đồng ý.")
    assert refused.value.code == codes.ROUND_2_EXISTS


def test_publication_of_a_to_cao_refuses_the_denouncers_identity(world):
    case = submit(track=Track.TO_CAO, content="Tôi là Nguyễn Văn An, tố cáo ông B nhận hối lộ khi cấp phép.").case
    handling.case_accept(case=case, actor=world.handler)
    handling.case_start_verification(case=case, actor=world.handler)
    handling.case_decide(case=case, actor=world.head, outcome="right", decision_number="4/KL", answer_text="Đúng.")
    handling.case_send_decision(case=case, actor=world.handler)
    with pytest.raises(DomainError) as caught:
        handling.case_publish(
            case=case, actor=world.handler, public_answer="Theo tố cáo của Nguyễn Văn An, ông B sai phạm."
        )
    assert caught.value.code == codes.IDENTITY_LEAK
    handling.case_publish(case=case, actor=world.handler, public_answer="Kết luận: tố cáo đúng; ông B bị kỷ luật.")
    assert case.published_at is not None


def test_assignment_only_to_a_handler_of_the_body(world):
    case = submit().case
    with pytest.raises(PermissionDenied):
        handling.case_assign(case=case, actor=world.handler, handler=world.handler)  # only the head assigns
    with pytest.raises(DomainError) as refused:
        handling.case_assign(case=case, actor=world.head, handler=world.other_handler)
    assert refused.value.code == codes.NOT_A_HANDLER
    handling.case_assign(case=case, actor=world.head, handler=world.handler)
    assert case.handler == world.handler


def test_a_citizen_withdraws_their_own_case(world):
    case = submit(actor=world.citizen).case
    handling.case_withdraw(case=case, actor=world.citizen, note="Đã được giải quyết xong")
    assert case.status == Status.TERMINATED


def test_a_denouncer_withdraws_their_own_denunciation(world):
    case = submit(actor=world.citizen, track=Track.TO_CAO).case
    handling.case_withdraw(case=case, actor=world.citizen, note="Tôi rút đơn")
    assert case.status == Status.TERMINATED
