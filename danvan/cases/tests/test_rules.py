import datetime as dt
from typing import Any

import pytest

from danvan.cases import rules
from danvan.cases.choices import Status, Track
from danvan.core.text import contains_html


@pytest.mark.parametrize(
    ("track", "status", "round_", "expected"),
    [
        (Track.KHIEU_NAI, Status.RECEIVED, 1, ("khieu_nai", "thu_ly_lan_1", "received_on")),
        (Track.KHIEU_NAI, Status.VERIFYING, 1, ("khieu_nai", "giai_quyet_lan_1", "accepted_on")),
        (Track.KHIEU_NAI, Status.DIALOGUE, 2, ("khieu_nai", "giai_quyet_lan_2", "accepted_on")),
        (Track.KHIEU_NAI, Status.DECIDED, 2, ("khieu_nai", "gui_quyet_dinh_lan_2", "decided_on")),
        (Track.TO_CAO, Status.RECEIVED, 1, ("to_cao", "xu_ly_ban_dau", "received_on")),
        (Track.TO_CAO, Status.SUSPENDED, 1, ("to_cao", "giai_quyet", "accepted_on")),
        (Track.TO_CAO, Status.CONCLUDED, 1, ("to_cao", "gui_ket_luan", "decided_on")),
        (Track.PAKN, Status.UNDER_STUDY, 1, ("pakn", "tra_loi", "received_on")),
        (Track.UNCLASSIFIED, Status.RECEIVED, 1, ("pakn", "tra_loi", "received_on")),
    ],
)
def test_each_state_runs_the_clock_the_law_names(track, status, round_, expected):
    clock = rules.clock_for(track, status, round_)
    assert clock is not None and (clock.procedure, clock.step, clock.anchor) == expected


@pytest.mark.parametrize("status", [Status.CLOSED, Status.REJECTED, Status.FINAL, Status.INFO_ONLY, Status.ANSWERED])
def test_no_clock_when_nothing_is_owed(status):
    for track in (Track.PAKN, Track.KHIEU_NAI, Track.TO_CAO):
        assert rules.clock_for(track, status) is None


def test_deadline_state_day_before_on_and_after():
    due, warn = dt.date(2026, 3, 9), dt.date(2026, 3, 2)
    assert rules.deadline_state(due, warn, dt.date(2026, 3, 1)) == "on_time"
    assert rules.deadline_state(due, warn, dt.date(2026, 3, 8)) == "due_soon"
    assert rules.deadline_state(due, warn, dt.date(2026, 3, 9)) == "due_soon"  # the whole last day is in time
    assert rules.deadline_state(due, warn, dt.date(2026, 3, 10)) == "overdue"
    assert rules.deadline_state(None, None, dt.date(2026, 3, 10)) == "none"


def test_tracking_codes_are_short_unambiguous_and_prefixed_by_track():
    code = rules.tracking_code_new(Track.TO_CAO, dt.date(2026, 2, 5))
    assert code.startswith("TC-2602-") and len(code) == 14
    assert not set(code[8:]) & set("01OIL")


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script>", "xin chào <b>anh</b>", "<img src=x onerror=y>", "<!-- x -->"]
)
def test_html_is_detected(text):
    assert contains_html(text)


@pytest.mark.parametrize("text", ["giá 5 < 7 triệu", "a<b", "đường 3/2 -> ngõ 5", "1 < 2 > 0"])
def test_plain_text_with_angle_brackets_is_not_html(text):
    assert not contains_html(text)


def test_redaction_removes_name_phone_in_any_spacing_and_email():
    text = "Tôi là Nguyễn Văn An, ĐT 0912 345 678, email an@example.vn, tố cáo ông B nhận tiền."
    out = rules.redact(text, ["Nguyễn Văn An", "0912345678", "an@example.vn", ""])
    assert "Nguyễn Văn An" not in out and "0912" not in out and "an@example.vn" not in out
    assert "tố cáo ông B nhận tiền" in out


def _org(candidates: list[rules.RouteCandidate], **kw: Any) -> int | None:
    best = rules.route_best(candidates, **kw)
    return best.organization_id if best else None


def test_route_best_prefers_the_most_specific_rule():
    C = rules.RouteCandidate
    candidates = [
        C(1, 100, "", None, None, 0),  # anywhere, anything
        C(2, 200, "", None, 50, 0),  # the province
        C(3, 300, "", None, 7, 0),  # the commune
        C(4, 400, "khieu_nai", None, 50, 0),  # complaints in the province
        C(5, 500, "", 9, 50, 0),  # land topic in the province
    ]
    assert (
        rules.route_best(candidates, track="pakn", topic_id=None, commune_id=7, province_id=50).organization_id == 300
    )
    assert (
        rules.route_best(candidates, track="pakn", topic_id=None, commune_id=8, province_id=50).organization_id == 200
    )
    assert (
        rules.route_best(candidates, track="khieu_nai", topic_id=None, commune_id=8, province_id=50).organization_id
        == 400
    )
    assert _org(candidates, track="pakn", topic_id=9, commune_id=8, province_id=50) == 500
    assert (
        rules.route_best(candidates, track="pakn", topic_id=None, commune_id=None, province_id=None).organization_id
        == 100
    )
    assert rules.route_best([], track="pakn", topic_id=None, commune_id=None, province_id=None) is None


@pytest.mark.parametrize(("people", "expected"), [(1, (0, 1)), (5, (1, 2)), (10, (1, 2)), (11, (1, 5)), (300, (1, 5))])
def test_representatives_per_group_size(people, expected):
    assert rules.representatives_allowed(people) == expected


def test_a_case_takes_at_most_five_files() -> None:
    assert rules.MAX_FILES_PER_CASE == 5
