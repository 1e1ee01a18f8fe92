"""One readable-code rule (``reception/codes.py``) for a booking's LH-XXXX-XXXX and a notice's KL-XXXX-XXXX."""

from __future__ import annotations

import pytest

from danvan.reception import booking_rules, codes
from danvan.reception.models import conclusions as conclusion_models


@pytest.mark.parametrize("prefix", [codes.BOOKING_PREFIX, codes.FOLLOW_PREFIX])
def test_codes_use_an_alphabet_without_look_alikes_and_are_read_back_tolerantly(prefix: str) -> None:
    code = codes.code_new(prefix)
    assert len(code) == 12 and code.startswith(f"{prefix}-") and code[7] == "-"
    assert not set(code[3:].replace("-", "")) & set("01OIL")
    assert codes.code_parse(prefix, code.lower().replace("-", " ")) == code
    assert codes.code_parse(prefix, code[3:].replace("-", "")) == code
    assert codes.code_parse(prefix, f" {code[:7]}/{code[8:]}. ") == code
    assert codes.code_parse(prefix, code[:-1]) is None
    assert codes.code_parse(prefix, code[:-1] + "0") is None  # a zero is never issued


def test_a_booking_code_is_not_a_follow_code() -> None:
    assert codes.code_parse("KL", "LH-7K9Q-M4XR") is None
    assert codes.code_parse("LH", "LH-7K9Q-M4XR") == "LH-7K9Q-M4XR"
    assert codes.code_parse("KL", "kl 7x3k 9qmr") == "KL-7X3K-9QMR"


def test_the_alphabet_and_the_parser_are_written_once() -> None:
    for module, names in ((booking_rules, ("CODE_ALPHABET", "code_new", "code_parse")),
                          (conclusion_models, ("FOLLOW_ALPHABET", "follow_code_new", "follow_code_normalize"))):  # fmt: skip
        assert not [name for name in names if hasattr(module, name)], module.__name__
