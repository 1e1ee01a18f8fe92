"""The short code: the tracking code with a check character, and the tolerant reading of what is typed."""

import datetime as dt
import itertools

import pytest

from danvan.cases import rules
from danvan.cases.choices import Track
from danvan.cases.short_code import ALPHABET, check_character, short_code, short_code_parse

CODE = "PA-2612-X7K9QM"


def test_the_short_code_groups_the_tracking_code_and_adds_its_check_character():
    check = check_character(CODE)
    assert check in ALPHABET
    assert short_code(CODE) == f"PA-2612-X7K-9QM-{check}"


def test_a_code_of_another_shape_is_shown_unchanged():
    assert short_code("OLD-1234") == "OLD-1234"


@pytest.mark.parametrize(
    "typed",
    [f"PA-2612-X7K-9QM-{check_character(CODE)}", f"pa 2612 x7k 9qm {check_character(CODE).lower()}",
     f"PA2612X7K9QM{check_character(CODE)}", "PA-2612-X7K9QM", "pa2612x7k9qm", "PA-26I2-X7K9QM", "PA.2612.X7K9QM"],
)  # fmt: skip
def test_what_people_type_reads_back_as_the_tracking_code(typed):
    assert short_code_parse(typed) == CODE


def test_every_single_substitution_is_caught_by_the_check_character():
    full = short_code(CODE).replace("-", "")
    for position, char in itertools.product(range(12), ALPHABET + "0123456789"):
        if char == full[position]:
            continue
        typo = full[:position] + char + full[position + 1 :]
        assert short_code_parse(typo) is None, typo


def test_every_swap_of_two_different_neighbours_is_caught():
    full = short_code(CODE).replace("-", "")
    for position in range(12):
        swapped = full[:position] + full[position + 1] + full[position] + full[position + 2 :]
        if swapped != full:
            assert short_code_parse(swapped) is None, swapped


@pytest.mark.parametrize("typed", ["", "PA-2612", "PA-2612-X7K9QM-RR", "PA-2612-X7K9Q0", "P1-2612-X7K9QM", "../etc"])
def test_what_cannot_be_a_code_reads_as_none(typed):
    assert short_code_parse(typed) is None


def test_every_new_tracking_code_has_a_short_code_that_reads_back():
    for track in Track.values:
        code = rules.tracking_code_new(track, dt.date(2026, 10, 1))
        assert short_code_parse(short_code(code)) == code
