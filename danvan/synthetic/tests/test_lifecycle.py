"""The walk and its replay, and the fast fold, without a database."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

import pytest

from danvan.cases import errors as codes
from danvan.cases.choices import Status, Track
from danvan.cases.transitions import TERMINAL, TransitionError
from danvan.core.text import fold
from danvan.synthetic import lifecycle, texts
from danvan.synthetic.lifecycle import WalkOptions

START, END = dt.date(2025, 7, 1), dt.date(2026, 11, 23)


def _due(track: str, status: str, round_: int, received_on: dt.date, accepted_on: dt.date | None,
         decided_on: dt.date | None, criteria: tuple[str, ...], extensions: int,
         pauses: tuple[tuple[dt.date, dt.date | None], ...]) -> dt.date | None:  # fmt: skip
    anchor = decided_on or accepted_on or received_on
    return anchor + dt.timedelta(days=30 + 30 * extensions)


def _walk(seed: int, track: str, **options: object) -> lifecycle.Walk:
    rng = random.Random(seed)
    received = START + dt.timedelta(days=rng.randint(0, 400))
    return lifecycle.walk(rng=rng, submitted_track=track, received_on=received, end=END, due=_due,
                          working_day=lambda day: day, options=WalkOptions(final_track=track, **options))  # fmt: skip


@pytest.mark.parametrize("track", [Track.PAKN, Track.KHIEU_NAI, Track.TO_CAO])
def test_every_walk_replays_through_the_state_machines(track: str) -> None:
    for seed in range(300):
        w = _walk(seed, track)
        steps = [(s.action, s.from_status, s.to_status, s.extra) for s in w.steps]
        assert lifecycle.replay(track, steps, criteria=w.criteria) == w.status
        assert all(a.on <= b.on for a, b in zip(w.steps, w.steps[1:], strict=False))
        assert w.steps[-1].on <= END


def test_a_second_complaint_is_decided_only_after_a_dialogue() -> None:
    for seed in range(200):
        w = _walk(seed, Track.KHIEU_NAI, round=2)
        for step in w.steps:
            if step.action == "decide":
                assert step.from_status == Status.DIALOGUE  # Luật Khiếu nại 2011, Điều 39


def test_a_forced_walk_stops_in_the_state_asked_for() -> None:
    reached = {_walk(seed, Track.TO_CAO, stop_at=Status.SUSPENDED).status for seed in range(100)}
    assert Status.SUSPENDED in reached


def test_replay_refuses_a_step_the_law_does_not_allow() -> None:
    steps: list[tuple[str, str, str, dict[str, object]]] = [
        ("submit", "", Status.RECEIVED, {}),
        ("decide", Status.RECEIVED, Status.DECIDED, {}),
    ]
    with pytest.raises(TransitionError) as refused:
        lifecycle.replay(Track.KHIEU_NAI, steps)
    assert refused.value.code == codes.TRANSITION_NOT_ALLOWED


def test_walks_end_open_or_in_a_final_state() -> None:
    finals = {_walk(seed, Track.PAKN).status for seed in range(300)}
    assert finals & TERMINAL and finals - TERMINAL


@pytest.mark.parametrize(
    "text",
    ["Phường Phú Xuân, TP. Huế", "ĐƯỜNG Lê Lợi – số 12/3", "m² và 30%", "e\u0301 decomposed", "tab\there",
     "[đã che] (cũ)", "Hẻm_5 Ấp Đông", ""],
)  # fmt: skip
def test_the_fast_fold_gives_fold_s_key(text: str) -> None:
    folder = texts.WordFolder()
    assert folder(text) == fold(text)
    assert folder("SG-PA-2607-ABCDEF", text) == fold(f"SG-PA-2607-ABCDEF {text}")
    assert unicodedata.is_normalized("NFC", folder(text))
