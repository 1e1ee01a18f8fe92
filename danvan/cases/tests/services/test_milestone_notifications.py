"""Issue 14, item 6: the citizen is told by email and SMS (and in the app, with an account) at each
milestone the law names — legal-spec §1.7 (complaints), §2.7 and §2.8 (denunciations: acceptance or
not, transfer, extension, suspension, resumption, conclusion), §4.3 (feedback) — and of nothing else.

Each test walks a case through the handling services and asserts exactly the rows each step creates:
channel, address, template and subject. A denouncer is reached only through the seal: no row names
them, their phone or their email.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from danvan.cases.choices import KhieuNaiRejectReason
from danvan.cases.services import handling
from danvan.cases.tests.factories import World, citizen_with_case, submit
from danvan.notifications.models import Notification
from danvan.notifications.sealed import SEALED

pytestmark = pytest.mark.django_db

EMAIL, PHONE = "an@example.vn", "0912345678"
SUBJECTS = {
    "received": "Đã tiếp nhận đơn của Ông/Bà – mã hồ sơ {code}",
    "accepted": "Đơn của Ông/Bà đã được thụ lý – mã hồ sơ {code}",
    "rejected": "Thông báo không thụ lý đơn – mã hồ sơ {code}",
    "transferred": "Đơn của Ông/Bà đã được chuyển đến cơ quan có thẩm quyền – mã hồ sơ {code}",
    "extended": "Gia hạn thời hạn giải quyết đơn – mã hồ sơ {code}",
    "suspended": "Tạm đình chỉ việc giải quyết đơn – mã hồ sơ {code}",
    "resumed": "Tiếp tục giải quyết đơn – mã hồ sơ {code}",
    "decided": "Thông báo kết quả giải quyết đơn – mã hồ sơ {code}",
    "answered": "Đã có văn bản trả lời đơn của Ông/Bà – mã hồ sơ {code}",
    "withdrawn_terminated": "Đình chỉ việc giải quyết đơn – mã hồ sơ {code}",
    "court_terminated": "Đình chỉ việc giải quyết đơn – mã hồ sơ {code}",
}


class Outbox:
    """The notification rows written since the last look."""

    def __init__(self) -> None:
        self.seen = 0

    def new(self) -> list[Notification]:
        rows = list(Notification.objects.filter(pk__gt=self.seen).order_by("pk"))
        if rows:
            self.seen = rows[-1].pk
        return rows


def to_citizen(rows: list[Notification], code: str, template: str, *, in_app: bool = True) -> list[tuple[Any, ...]]:
    subject = SUBJECTS[template].format(code=code)
    expected = [("in_app", "", template, subject)] if in_app else []
    return [*expected, ("email", EMAIL, template, subject), ("sms", PHONE, template, subject)]


def shape(rows: list[Notification]) -> list[tuple[Any, ...]]:
    return [(row.channel, row.address, row.template, row.subject) for row in rows]


@pytest.fixture
def outbox(db: None) -> Outbox:
    return Outbox()


def test_a_complaint_tells_the_complainant_at_every_milestone_and_only_then(world: World, outbox: Outbox) -> None:
    citizen, case = citizen_with_case(track="khieu_nai")
    code = case.tracking_code
    rows = outbox.new()
    assert shape(rows) == to_citizen(rows, code, "received")
    assert rows[0].recipient == citizen and all(code in row.body for row in rows)
    steps = [
        ("accepted", lambda: handling.case_accept(case=case, actor=world.handler, document_number="1/TB-UBND")),
        ("suspended", lambda: handling.case_suspend(case=case, actor=world.head, reason="Chờ kết quả giám định.",
                                                    decision_number="2/QĐ-UBND")),
        ("resumed", lambda: handling.case_resume(case=case, actor=world.head, decision_number="3/QĐ-UBND")),
        (None, lambda: handling.case_start_verification(case=case, actor=world.handler)),
        ("decided", lambda: handling.case_decide(case=case, actor=world.head, outcome="partly_right",
                                                 decision_number="5/QĐ-UBND", answer_text="Khiếu nại đúng một phần.")),
        ("answered", lambda: handling.case_send_decision(case=case, actor=world.handler)),
        (None, lambda: handling.case_finalize(case=case, actor=world.handler)),
        (None, lambda: handling.case_close(case=case, actor=world.handler)),
    ]  # fmt: skip
    for template, step in steps:
        step()
        rows = outbox.new()
        assert shape(rows) == (to_citizen(rows, code, template) if template else []), template


def test_a_complaint_not_accepted_says_why(world: World, outbox: Outbox) -> None:
    case = submit(track="khieu_nai").case
    outbox.new()
    handling.case_reject(case=case, actor=world.handler, reason="6")
    rows = outbox.new()
    assert shape(rows) == to_citizen(rows, case.tracking_code, "rejected", in_app=False)
    with translation.override("vi"):
        ground = str(KhieuNaiRejectReason.TIME_BARRED.label)
    assert f"Lý do: {ground}." in rows[0].body  # the email states the legal ground


def test_a_complaint_taken_to_court_tells_the_complainant_that_the_body_stops(world: World, outbox: Outbox) -> None:
    # The gap this issue filled: the step closed the case and told nobody.
    _citizen, case = citizen_with_case(track="khieu_nai")
    handling.case_accept(case=case, actor=world.handler)
    outbox.new()
    handling.case_court_filed(case=case, actor=world.handler, note="TAND thành phố Huế thụ lý ngày 10/02/2026.")
    rows = outbox.new()
    assert shape(rows) == to_citizen(rows, case.tracking_code, "court_terminated")
    assert "Lý do: TAND thành phố Huế thụ lý ngày 10/02/2026." in rows[1].body


def test_feedback_tells_its_sender_of_the_transfer_the_answer_and_nothing_between(world: World, outbox: Outbox) -> None:
    case = submit().case
    code = case.tracking_code
    assert shape(outbox.new()) == to_citizen([], code, "received", in_app=False)
    handling.case_transfer(case=case, actor=world.handler, to=world.other, reason="Thuộc thẩm quyền phường Kim Long.")
    rows = outbox.new()
    # The receiving body's officer is told in the app (issue 14, item 8); the citizen by email and SMS.
    staff = [row for row in rows if row.template == "transferred_in"]
    rows = [row for row in rows if row.template != "transferred_in"]
    assert shape(staff) == [("in_app", "", "transferred_in", f"Hồ sơ {code} đã được chuyển đến UBND Phường Kim Long")]
    assert staff[0].recipient == world.other_handler
    assert shape(rows) == to_citizen(rows, code, "transferred", in_app=False)
    assert "Kim Long" in rows[0].body
    handling.case_register(case=case, actor=world.other_handler)
    assert outbox.new() == []
    handling.case_answer(case=case, actor=world.other_handler, answer_text="Đã nạo vét cống.")
    rows = outbox.new()
    assert shape(rows) == to_citizen(rows, code, "answered", in_app=False)
    assert "Đã nạo vét cống." in rows[0].body


def test_a_withdrawal_is_confirmed(world: World, outbox: Outbox) -> None:
    citizen, case = citizen_with_case()
    outbox.new()
    handling.case_withdraw(case=case, actor=citizen, note="Đã tự thỏa thuận.")
    rows = outbox.new()
    assert shape(rows) == to_citizen(rows, case.tracking_code, "withdrawn_terminated")


def test_a_denouncer_is_told_at_each_milestone_only_through_the_seal(world: World, outbox: Outbox) -> None:
    case = submit(track="to_cao", name="Trần Thị Bí Mật", address="12 Lê Lợi, Huế").case
    code = case.tracking_code
    sealed = [("email", SEALED), ("sms", SEALED)]
    seen: list[Notification] = []

    def told(template: str) -> None:
        rows = outbox.new()
        subject = SUBJECTS[template].format(code=code)
        assert [(r.channel, r.address, r.template, r.subject) for r in rows] == [
            (channel, address, template, subject) for channel, address in sealed
        ], template
        seen.extend(rows)

    told("received")
    handling.case_accept(case=case, actor=world.handler)
    told("accepted")
    handling.case_set_complexity(case=case, actor=world.head, criteria=["a"])
    handling.case_start_verification(case=case, actor=world.handler)
    assert outbox.new() == []
    handling.case_extend(case=case, actor=world.head, decision_number="4/QĐ-UBND", reason="Phải xác minh ở hai nơi.")
    told("extended")
    handling.case_suspend(case=case, actor=world.head, reason="Chờ kết luận giám định.")
    told("suspended")
    handling.case_resume(case=case, actor=world.head)
    told("resumed")
    handling.case_decide(case=case, actor=world.head, outcome="right", decision_number="7/KL-UBND",
                         answer_text="Tố cáo đúng.")  # fmt: skip
    told("decided")
    handling.case_send_decision(case=case, actor=world.handler)
    told("answered")
    assert len(seen) == 14
    for row in seen:
        text = f"{row.subject}\n{row.body}\n{row.address}"
        assert not any(secret in text for secret in ("Trần Thị Bí Mật", "Bí Mật", PHONE, EMAIL, "12 Lê Lợi"))
        assert row.recipient_id is None


def test_an_anonymous_denunciation_kept_as_information_tells_nobody(world: World, outbox: Outbox) -> None:
    # Luật Tố cáo 2018, Art. 25: no denouncer rights, so no notifications (legal-spec §2.1).
    submit(track="to_cao", name="", phone="", email="", is_anonymous=True)
    assert outbox.new() == []
