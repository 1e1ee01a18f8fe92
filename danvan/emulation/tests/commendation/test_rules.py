"""The pure rules: when the council has spoken, the tally, the template family, levels, initials."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from danvan.emulation.rules import commendation as rules

OPINIONS = st.lists(st.sampled_from([o.value for o in rules.Opinion]), max_size=30)


@given(OPINIONS)
def test_the_tally_counts_every_opinion_once(opinions: list[str]) -> None:
    tally = rules.tally(opinions)
    assert sum(tally.values()) == len(opinions)
    assert tally["agree"] == opinions.count("agree")


@given(st.integers(0, 20), st.integers(0, 20))
def test_the_council_has_spoken_when_every_seat_of_at_least_two_has(seats: int, opinions: int) -> None:
    spoken = rules.council_has_spoken(seats=seats, opinions=min(opinions, seats))
    assert spoken == (seats >= rules.MIN_COUNCIL_OPINIONS and min(opinions, seats) == seats)


def test_the_template_family_follows_the_sector() -> None:
    assert rules.document_family("party") == rules.DocumentFamily.PARTY
    for sector in ("state", "front", "mass_org", "elected", ""):
        assert rules.document_family(sector) == rules.DocumentFamily.STATE


def test_levels_and_moves() -> None:
    assert rules.level_allowed("xa", []) and rules.level_allowed("tinh", ["tinh", "tw"])
    assert not rules.level_allowed("xa", ["tinh", "tw"])
    assert rules.may_decide("proposed") and not rules.may_decide("decided") and not rules.may_decide("not_commended")
    assert rules.initials("Nguyễn Văn An") == "N.V.A."
