"""The pure rules for numbers typed as text (core.parsing) and contacts (core.contacts)."""

from __future__ import annotations

import pytest

from danvan.core import contacts, parsing


@pytest.mark.parametrize("raw", ["²", "¹²³", "١٢", "১২", "1²", "-1", "+1", "1.0", "1e3", "1_000", "", " ", "0x1f",
                                 "9" * 20, "\x00", None, 12])  # fmt: skip
def test_whole_number_takes_ascii_digits_only(raw: object) -> None:
    assert parsing.whole_number(raw) is None


def test_whole_number_reads_digits_within_its_range() -> None:
    assert parsing.whole_number(" 42 ") == 42
    assert parsing.page_number("0") is None and parsing.page_number("1") == 1
    assert parsing.page_number(str(parsing.MAX_PAGE + 1)) is None
    assert (
        parsing.object_id(str(parsing.MAX_ID)) == parsing.MAX_ID and parsing.object_id(str(parsing.MAX_ID + 1)) is None
    )


@pytest.mark.parametrize("raw", ["0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678", "84912345678",
                                 "(024) 3825 3536", "+33 1 42 68 53 00", "+1 202 456 1111"])  # fmt: skip
def test_vietnamese_and_international_phones_are_accepted(raw: str) -> None:
    assert contacts.phone_problem(raw) is None


def test_every_form_of_one_number_has_one_e164() -> None:
    forms = ["0912345678", "0912 345 678", "+84 912 345 678", "(+84) 912-345-678", "84912345678"]
    assert {contacts.phone_e164(f) for f in forms} == {"+84912345678"}


@pytest.mark.parametrize("raw", ["not-a-phone", "12", "0912345678\r\nX-Header: 1", "<b>0912345678</b>", "091234567890123",
                                 "0912 345 678 ext 5", "+999 123 456", "٠٩١٢٣٤٥٦٧٨", "0" * 21])  # fmt: skip
def test_what_is_not_a_phone_number_is_refused(raw: str) -> None:
    assert contacts.phone_problem(raw) is not None


@pytest.mark.parametrize("raw", ["not-an-email", "<script>@x.vn", "a@b.vn\r\nBcc: c@d.vn", "a b@c.vn", "a@b",
                                 "a@" + "b" * 250 + ".vn", "\"<b>\"@x.vn"])  # fmt: skip
def test_what_is_not_an_email_is_refused(raw: str) -> None:
    assert contacts.email_problem(raw) is not None


def test_an_email_or_an_empty_contact_is_accepted() -> None:
    assert contacts.email_problem("an.nguyen@example.vn") is None
    assert contacts.email_problem("") is None and contacts.phone_problem("  ") is None
