"""Milestone messages (templates, SMS fitting), the SMS adapter and the email wrapper. No database."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

import pytest
from django.utils.translation import gettext_lazy

from danvan.cases.messaging import INTERNAL_CONTEXT_KEYS, MESSAGES, render_message
from danvan.notifications.messages import SMS_MAX_CHARS, RenderedMessage

PRIVATE_LINK = "https://danvan.hue.gov.vn/tra-cuu/TC-2602-AB12CD/?t=Zx8kq3J1vB2nM4pL7sQ9wE0rT6yU5iO"
DENOUNCER = "Trần Thị Bí Mật"
CITIZEN_CODES = sorted(code for code, spec in MESSAGES.items() if spec.audience == "citizen")
INTERNAL_CODES = sorted(code for code, spec in MESSAGES.items() if spec.audience == "internal")
DATE_CODES = {"accepted", "extended", "resumed", "reminder_handler", "escalation_overdue"}
VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.IGNORECASE)


def context(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "tracking_code": "TC-2602-AB12CD",
        "case_url": PRIVATE_LINK,
        "kind_label": gettext_lazy("Denunciation (tố cáo)"),
        "organization_name": "Ủy ban nhân dân phường Thuận Hóa & Ban Tiếp công dân",
        "due_on": dt.date(2026, 3, 9),
        "explanation": "30 ngày kể từ ngày thụ lý (Luật Tố cáo 2018, Điều 30(1)).",
        "reason": "Đơn chưa có chữ ký hoặc điểm chỉ (Luật Khiếu nại 2011, Điều 11(5)).",
        "answer_excerpt": "Ủy ban đã kiểm tra và yêu cầu khắc phục trong 15 ngày.",
        "handler_name": "Lê Văn Cán Bộ",
        "recipient_name": "Nguyễn Văn Công Dân",
    }
    values.update(overrides)
    return values


# --- every template ------------------------------------------------------------------------


def test_the_law_named_milestones_all_have_a_template() -> None:
    assert set(MESSAGES) == {
        "received", "accepted", "not_accepted", "rejected", "transferred", "extended", "suspended", "resumed",
        "decided", "concluded", "answered", "withdrawn_terminated", "court_terminated", "reminder_handler",
        "escalation_overdue", "unplaced_intake", "merged", "reopened",
    }  # fmt: skip


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_each_message_renders_in_vietnamese_with_its_context(code: str) -> None:
    message = render_message(code, context())
    assert isinstance(message, RenderedMessage)
    assert message.subject and "\n" not in message.subject
    assert "TC-2602-AB12CD" in message.subject
    assert (
        VIETNAMESE.search(message.subject) and VIETNAMESE.search(message.text) and VIETNAMESE.search(message.sms_text)
    )
    assert "TC-2602-AB12CD" in message.text
    assert PRIVATE_LINK in message.text
    assert "{{" not in message.text + message.subject + message.sms_text
    assert "{%" not in message.text + message.subject + message.sms_text
    assert "Subject:" not in message.text and "--- SMS ---" not in message.text
    assert "\n\n\n" not in message.text
    assert unicodedata.is_normalized("NFC", message.text)
    if code in DATE_CODES:
        assert "09/03/2026" in message.text
        assert "09/03/2026" in message.sms_text


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_each_sms_fits_in_160_characters_and_names_the_case(code: str) -> None:
    message = render_message(code, context())
    assert len(message.sms_text) <= SMS_MAX_CHARS
    assert "TC-2602-AB12CD" in message.sms_text
    assert "\n" not in message.sms_text
    assert VIETNAMESE.search(message.sms_text)  # diacritics kept, not stripped to ASCII


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_each_sms_fits_even_with_long_names_and_links(code: str) -> None:
    long = context(
        organization_name="Ủy ban nhân dân " + "tỉnh Thừa Thiên Huế và các cơ quan chuyên môn " * 4,
        case_url="https://cong-dich-vu-cong.danvan.thuathienhue.gov.vn/tra-cuu/TC-2602-AB12CD/?t=" + "x" * 90,
    )
    assert len(render_message(code, long).sms_text) <= SMS_MAX_CHARS


@pytest.mark.parametrize("code", CITIZEN_CODES)
def test_citizen_messages_greet_the_recipient_by_name_when_known(code: str) -> None:
    assert "Kính gửi Ông/Bà Nguyễn Văn Công Dân," in render_message(code, context()).text
    assert "Kính gửi Ông/Bà," in render_message(code, context(recipient_name="")).text


@pytest.mark.parametrize("code", CITIZEN_CODES)
def test_citizen_sms_and_subjects_do_not_name_the_kind_of_case(code: str) -> None:
    # A phone or an inbox is often shared: "tố cáo" on a lock screen already discloses (Điều 56).
    message = render_message(code, context(kind_label="Tố cáo"))
    assert "tố cáo" not in message.sms_text.lower()
    assert "tố cáo" not in message.subject.lower()


@pytest.mark.parametrize("code", INTERNAL_CODES)
def test_internal_messages_never_carry_personal_data_whatever_the_caller_passes(code: str) -> None:
    leaky = context(
        recipient_name=DENOUNCER,
        reason=f"Người tố cáo {DENOUNCER} đề nghị giữ bí mật",
        answer_excerpt=DENOUNCER,
        denouncer_name=DENOUNCER,
        contact_phone="0905123456",
        contact_address="12 Lê Lợi",
    )
    message = render_message(code, leaky)
    for leaked in (DENOUNCER, "0905123456", "12 Lê Lợi"):
        assert leaked not in message.subject + message.text + message.sms_text
    assert "Lê Văn Cán Bộ" in message.text  # the officer's own name is fine


def test_internal_allow_list_holds_no_personal_field() -> None:
    assert not {"recipient_name", "reason", "answer_excerpt", "denouncer_name"} & INTERNAL_CONTEXT_KEYS


def test_internal_messages_prefer_the_staff_link() -> None:
    message = render_message("reminder_handler", context(staff_url="https://danvan.hue.gov.vn/lam-viec/ho-so/42/"))
    assert "https://danvan.hue.gov.vn/lam-viec/ho-so/42/" in message.text
    assert PRIVATE_LINK not in message.text


def test_escalation_cites_the_law_on_overdue_denunciations() -> None:
    text = render_message("escalation_overdue", context()).text
    assert "Điều 38 Luật Tố cáo 2018" in text
    assert "Điều 38" not in render_message("escalation_overdue", context(track="khieu_nai")).text


def test_accepted_gives_the_due_date_and_its_explanation() -> None:
    text = render_message("accepted", context()).text
    assert "Thời hạn giải quyết: đến hết ngày 09/03/2026." in text
    assert "Cách tính thời hạn: 30 ngày kể từ ngày thụ lý" in text


def test_the_citizens_messages_carry_no_operators_marks_in_the_explanation() -> None:
    explanation = "10 ngày làm việc (Chỉ tiêu nội bộ của Dân Vận Số (spec §4.2)); quy định [U] chưa được đối chiếu."
    for code in ("accepted", "extended", "resumed"):
        text = render_message(code, context(explanation=explanation)).text
        assert "Cách tính thời hạn: 10 ngày làm việc (Chỉ tiêu nội bộ của Dân Vận Số); quy định chưa được" in text
        assert "§" not in text and "[U]" not in text


def test_a_datetime_due_on_is_shown_as_its_date_in_vietnam() -> None:
    # 17:00 UTC on 9 March is already 10 March in Asia/Ho_Chi_Minh: the date a citizen counts from.
    due = dt.datetime(2026, 3, 9, 17, 0, tzinfo=dt.UTC)
    assert "10/03/2026" in render_message("extended", context(due_on=due)).text


def test_accepted_without_a_due_date_says_nothing_wrong() -> None:
    message = render_message("accepted", context(due_on=None, explanation=""))
    assert "Thời hạn giải quyết:" not in message.text
    assert "hạn giải quyết" not in message.sms_text


def test_rejection_states_the_legal_reason() -> None:
    text = render_message("rejected", context()).text
    assert "Lý do: Đơn chưa có chữ ký hoặc điểm chỉ (Luật Khiếu nại 2011, Điều 11(5))." in text
    assert render_message("not_accepted", context()).text == text


def test_transfer_names_the_receiving_body_and_why() -> None:
    text = render_message(
        "transferred", context(reason="Nội dung thuộc thẩm quyền của Sở Tài nguyên và Môi trường.")
    ).text
    assert "Cơ quan nhận đơn: Ủy ban nhân dân phường Thuận Hóa & Ban Tiếp công dân" in text
    assert "Lý do chuyển đơn: Nội dung thuộc thẩm quyền" in text


def test_decided_gives_the_rights_of_each_track() -> None:
    complaint = render_message("decided", context(track="khieu_nai")).text
    assert "khiếu nại lần hai" in complaint and "Điều 33" in complaint
    denunciation = render_message("decided", context(track="to_cao")).text
    assert "kết luận nội dung tố cáo" in denunciation and "Điều 37" in denunciation
    assert render_message("concluded", context()).text == denunciation
    generic = render_message("decided", context()).text
    assert "Điều 37" not in generic and "lần hai" not in generic


def test_answered_quotes_the_answer() -> None:
    assert "Ủy ban đã kiểm tra và yêu cầu khắc phục trong 15 ngày." in render_message("answered", context()).text


def test_plain_text_is_not_html_escaped() -> None:
    message = render_message("accepted", context(organization_name="Sở Nội vụ & Ban Dân vận <Huế>"))
    assert "Sở Nội vụ & Ban Dân vận <Huế>" in message.text
    assert "&amp;" not in message.text


def test_another_language_falls_back_to_the_vietnamese_templates() -> None:
    plain = context(kind_label="Tố cáo")
    assert render_message("received", plain, language="en").text == render_message("received", plain).text


def test_lazy_labels_are_rendered_in_the_message_language() -> None:
    assert "Loại đơn: Denunciation (tố cáo)" in render_message("received", context(), language="en").text


def test_an_unknown_template_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown message template"):
        render_message("_footer", context())
    with pytest.raises(ValueError, match="unknown message template"):
        render_message("../../settings", context())


@pytest.mark.parametrize("missing", ["tracking_code", "case_url"])
def test_the_tracking_code_and_the_link_are_required(missing: str) -> None:
    with pytest.raises(ValueError, match=missing):
        render_message("received", context(**{missing: ""}))
