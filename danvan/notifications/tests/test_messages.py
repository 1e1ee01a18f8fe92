"""The plain-text message format and the SMS length rule (the cases' templates: cases/tests/test_messaging.py)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from danvan.notifications.messages import fit_sms, message_parse, message_render


def test_a_rendered_template_splits_into_subject_email_and_sms() -> None:
    message = message_parse(
        "Subject:  Hồ sơ   đã nhận \n\nKính gửi Ông/Bà,\n\n\n\nĐã nhận.\n--- SMS ---\n Đã   nhận.", "x"
    )
    assert (message.subject, message.text, message.sms_text) == (
        "Hồ sơ đã nhận",
        "Kính gửi Ông/Bà,\n\nĐã nhận.\n",
        "Đã nhận.",
    )


@pytest.mark.parametrize(("rendered", "why"), [("Hồ sơ\n--- SMS ---\nx", "'Subject:' line"),
                                               ("Subject: s\nthân", "no '--- SMS ---' section")])  # fmt: skip
def test_a_template_without_its_parts_is_an_error(rendered: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        message_parse(rendered, "x")


def test_a_template_renders_in_plain_text_and_falls_back_to_vietnamese(tmp_path: Path) -> None:
    (tmp_path / "app" / "messages").mkdir(parents=True)
    (tmp_path / "app" / "messages" / "hello.txt").write_text(
        "Subject: Chào {{ name }}\n\n{{ name }}\n--- SMS ---\n{{ name }}"
    )
    message = message_render(directory=tmp_path, prefix="app/messages", code="hello", context={"name": "A & B"},
                             language="en")  # fmt: skip
    assert (message.subject, message.text, message.sms_text) == ("Chào A & B", "A & B\n", "A & B")


# --- fit_sms -------------------------------------------------------------------------------


def test_a_short_sms_is_only_tidied() -> None:
    assert fit_sms("  Dân Vận Số:\n hồ sơ   X  ") == "Dân Vận Số: hồ sơ X"


def test_a_long_sms_keeps_its_link_whole() -> None:
    link = "https://danvan.example.vn/tra-cuu/ABC/?t=" + "k" * 30
    text = "Dân Vận Số: " + "hồ sơ của Ông/Bà đang được giải quyết " * 6 + link
    fitted = fit_sms(text)
    assert len(fitted) <= 160
    assert fitted.endswith(" " + link)
    assert "…" in fitted


def test_a_long_sms_is_cut_at_a_sentence_end_when_one_is_near() -> None:
    link = "https://danvan.example.vn/t/" + "k" * 40
    text = "Dân Vận Số: đã tiếp nhận đơn của Ông/Bà, mã hồ sơ TC-2602-AB12CD. Theo dõi tình trạng hồ sơ tại " + link
    assert fit_sms(text) == "Dân Vận Số: đã tiếp nhận đơn của Ông/Bà, mã hồ sơ TC-2602-AB12CD. " + link


def test_a_long_sms_never_splits_a_word() -> None:
    words = ["Thừa", "Thiên", "Huế", "Quảng", "Trị", "Đà", "Nẵng"] * 10
    fitted = fit_sms(" ".join(words), limit=50)
    assert len(fitted) <= 50
    assert all(word in words for word in fitted.rstrip("…").split())


def test_a_decomposed_text_is_composed_so_no_letter_loses_its_tone_mark() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung " * 20)
    fitted = fit_sms(decomposed, limit=40)
    assert unicodedata.is_normalized("NFC", fitted)
    assert len(fitted) <= 40


def test_a_link_too_long_to_leave_room_for_words_is_dropped_not_cut() -> None:
    link = "https://danvan.example.vn/" + "k" * 140
    fitted = fit_sms("Dân Vận Số: hồ sơ TC-2602-AB12CD đã có kết quả giải quyết. Xem tại " + link)
    assert len(fitted) <= 160
    assert fitted.startswith("Dân Vận Số: hồ sơ TC-2602-AB12CD")


def test_exactly_160_characters_is_left_alone() -> None:
    text = "ư" * 160
    assert fit_sms(text) == text
