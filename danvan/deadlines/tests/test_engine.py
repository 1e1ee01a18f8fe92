"""``deadline_for``: real dates across Tết, 30/4–1/5, 2/9, working Saturdays, year ends and regime
boundaries, with suspensions, extensions, transfers and the explanation a citizen reads."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.deadlines.calendar import Override, OverrideKind, WorkingCalendar
from danvan.deadlines.engine import DeadlineError, deadline_for
from danvan.deadlines.rules import Complexity, Confidence, Kind, Modifiers, Pause, Reading, Regime, RuleNotFound, Unit

D = dt.date
ORD = Modifiers()
CPX = Modifiers(Complexity.PHUC_TAP)
REMOTE = Modifiers(remote_area=True)
CPX_REMOTE = Modifiers(Complexity.PHUC_TAP, remote_area=True)


@pytest.mark.parametrize(
    ("procedure", "step", "start", "modifiers", "due_on", "regime", "unit"),
    [
        # Complaints, first resolution: 30 / 45 / 45 / 60 days (Luật KN 2011, Điều 28).
        ("khieu_nai", "giai_quyet_lan_1", D(2026, 2, 5), ORD, D(2026, 3, 9), Regime.R2025, Unit.CALENDAR_DAY),
        ("khieu_nai", "giai_quyet_lan_1", D(2026, 2, 5), CPX, D(2026, 3, 23), Regime.R2025, Unit.CALENDAR_DAY),
        ("khieu_nai", "giai_quyet_lan_1", D(2026, 2, 5), REMOTE, D(2026, 3, 23), Regime.R2025, Unit.CALENDAR_DAY),
        ("khieu_nai", "giai_quyet_lan_1", D(2026, 2, 5), CPX_REMOTE, D(2026, 4, 6), Regime.R2025, Unit.CALENDAR_DAY),
        ("khieu_nai", "giai_quyet_lan_1", D(2026, 1, 20), ORD, D(2026, 2, 23), Regime.R2025, Unit.CALENDAR_DAY),
        ("khieu_nai", "giai_quyet_lan_1", D(2027, 1, 6), ORD, D(2027, 2, 11), Regime.R2026, Unit.CALENDAR_DAY),
        ("khieu_nai", "giai_quyet_lan_1", D(2026, 12, 2), ORD, D(2027, 1, 4), Regime.R2026, Unit.CALENDAR_DAY),
        # Second resolution: 45 / 60 / 60 / 70 days (Điều 37).
        # 16/03 + 45 days = 30/04/2026, then 1/5 and a weekend: Monday 04/05/2026.
        ("khieu_nai", "giai_quyet_lan_2", D(2026, 3, 16), ORD, D(2026, 5, 4), Regime.R2025, Unit.CALENDAR_DAY),
        ("khieu_nai", "giai_quyet_lan_2", D(2026, 7, 1), CPX_REMOTE, D(2026, 9, 9), Regime.R2026, Unit.CALENDAR_DAY),
        # Sending the first decision: 3 working days (Điều 32) across 30/4–1/5.
        ("khieu_nai", "gui_quyet_dinh_lan_1", D(2026, 4, 29), ORD, D(2026, 5, 6), Regime.R2025, Unit.WORKING_DAY),
        # Acceptance at the regime boundaries (Điều 27; TT 07/2013; NĐ 155/2026): the stricter reading.
        ("khieu_nai", "thu_ly_lan_1", D(2025, 6, 30), ORD, D(2025, 7, 10), Regime.R2014, Unit.CALENDAR_DAY),
        ("khieu_nai", "thu_ly_lan_1", D(2025, 7, 1), ORD, D(2025, 7, 11), Regime.R2025, Unit.CALENDAR_DAY),
        ("khieu_nai", "thu_ly_lan_1", D(2026, 6, 30), ORD, D(2026, 7, 10), Regime.R2025, Unit.CALENDAR_DAY),
        ("khieu_nai", "thu_ly_lan_1", D(2026, 7, 1), ORD, D(2026, 7, 10), Regime.R2026, Unit.WORKING_DAY),
        ("khieu_nai", "thu_ly_lan_1", D(2026, 7, 3), ORD, D(2026, 7, 13), Regime.R2026, Unit.CALENDAR_DAY),
        ("khieu_nai", "thu_ly_lan_2", D(2026, 2, 10), ORD, D(2026, 2, 23), Regime.R2025, Unit.CALENDAR_DAY),
        # Denunciations: 7 working days of initial processing (Luật TC 2018, Điều 24).
        ("to_cao", "xu_ly_ban_dau", D(2026, 4, 24), ORD, D(2026, 5, 8), Regime.R2025, Unit.WORKING_DAY),
        ("to_cao", "xu_ly_ban_dau", D(2026, 8, 17), ORD, D(2026, 8, 25), Regime.R2026, Unit.WORKING_DAY),
        ("to_cao", "giai_quyet", D(2026, 8, 3), ORD, D(2026, 9, 3), Regime.R2026, Unit.CALENDAR_DAY),
        ("to_cao", "giai_quyet", D(2026, 7, 23), ORD, D(2026, 8, 22), Regime.R2026, Unit.CALENDAR_DAY),
        # Citizen reception: 10 working days (Luật TCD 2013, Điều 28), the spec's two examples.
        ("tiep_cong_dan", "tra_loi", D(2026, 4, 24), ORD, D(2026, 5, 13), Regime.R2025, Unit.WORKING_DAY),
        ("tiep_cong_dan", "tra_loi", D(2026, 12, 24), ORD, D(2027, 1, 8), Regime.R2026, Unit.WORKING_DAY),
        ("dan_chu_co_so", "cong_khai", D(2026, 8, 17), ORD, D(2026, 8, 22), Regime.R2026, Unit.WORKING_DAY),
        ("pakn", "tra_loi", D(2026, 2, 12), CPX, D(2026, 3, 12), Regime.R2025, Unit.WORKING_DAY),
    ],
)  # fmt: skip
def test_deadline_for(rule_book, calendar, procedure, step, start, modifiers, due_on, regime, unit):
    deadline = deadline_for(procedure, step, start, modifiers, rules=rule_book, calendar=calendar)
    assert (deadline.due_on, deadline.regime, deadline.unit) == (due_on, regime, unit)
    assert calendar.is_working_day(deadline.due_on)


def test_the_issue_example_reads_as_the_citizen_would_check_it(rule_book, calendar):
    deadline = deadline_for("khieu_nai", "giai_quyet_lan_1", D(2026, 2, 5), rules=rule_book, calendar=calendar)
    assert deadline.explanation == (
        "30 ngày kể từ ngày thụ lý 05/02/2026 (Điều 28 Luật Khiếu nại 2011); ngày cuối cùng 07/03/2026 rơi vào "
        "ngày nghỉ (Thứ Bảy) nên hạn cuối chuyển sang ngày làm việc tiếp theo: 09/03/2026 (Thứ Hai) "
        "(Khoản 5 Điều 148 Bộ luật Dân sự 2015)."
    )
    assert deadline.legal_basis == "Điều 28 Luật Khiếu nại 2011"
    assert deadline.rolled_over and not deadline.estimated
    assert (deadline.kind, deadline.confidence, deadline.statutory) == (Kind.WITHIN, Confidence.VERIFIED, True)


def test_a_holiday_is_named_when_the_deadline_moves(rule_book, calendar):
    deadline = deadline_for("khieu_nai", "giai_quyet_lan_1", D(2026, 1, 20), rules=rule_book, calendar=calendar)
    assert "ngày cuối cùng 19/02/2026 rơi vào ngày nghỉ (Thứ Năm, Mùng ba Tết Nguyên Đán)" in deadline.explanation
    assert deadline.explanation.endswith("(Khoản 5 Điều 148 Bộ luật Dân sự 2015).")


def test_a_deadline_that_does_not_move_says_its_day(rule_book, calendar):
    deadline = deadline_for("khieu_nai", "giai_quyet_lan_1", D(2026, 2, 10), rules=rule_book, calendar=calendar)
    assert deadline.due_on == D(2026, 3, 12) and not deadline.rolled_over
    assert deadline.explanation.endswith("hạn cuối: hết ngày 12/03/2026 (Thứ Năm).")


def test_the_warning_date_is_an_internal_reminder_before_the_deadline(rule_book, calendar):
    deadline = deadline_for("khieu_nai", "giai_quyet_lan_1", D(2026, 2, 5), rules=rule_book, calendar=calendar)
    assert deadline.warn_on == D(2026, 2, 26)  # 70% of 30 days = 21 days
    assert "26/02/2026" not in deadline.explanation
    working = deadline_for("to_cao", "xu_ly_ban_dau", D(2026, 8, 17), rules=rule_book, calendar=calendar)
    assert working.warn_on == D(2026, 8, 21)  # 4 working days of 7
    assert calendar.is_working_day(working.warn_on)


def test_estimated_years_are_flagged(rule_book, calendar):
    deadline = deadline_for("khieu_nai", "giai_quyet_lan_1", D(2027, 1, 6), rules=rule_book, calendar=calendar)
    assert deadline.estimated
    assert "lịch nghỉ năm 2027 là dự kiến" in deadline.explanation
    announced = WorkingCalendar(announced_years=[2027])
    assert not deadline_for(
        "khieu_nai", "giai_quyet_lan_1", D(2027, 1, 6), rules=rule_book, calendar=announced
    ).estimated


def test_operator_overrides_change_the_deadline(rule_book):
    # Suppose the Government gives Friday 12/02/2027 off as well: the deadline moves to Monday.
    calendar = WorkingCalendar([Override(D(2027, 2, 11), OverrideKind.DAY_OFF, "Thông báo giả định")])
    deadline = deadline_for("khieu_nai", "giai_quyet_lan_1", D(2027, 1, 6), rules=rule_book, calendar=calendar)
    assert deadline.due_on == D(2027, 2, 12)


class TestTwoReadings:
    def test_stricter_by_default_with_both_in_the_explanation(self, rule_book, calendar):
        deadline = deadline_for("khieu_nai", "thu_ly_lan_1", D(2026, 7, 3), rules=rule_book, calendar=calendar)
        assert deadline.due_on == D(2026, 7, 13) and deadline.unit is Unit.CALENDAR_DAY
        assert deadline.confidence is Confidence.UNVERIFIED  # the Law's 10 days under R2026 is [U]
        assert "cách tính khác: 07 ngày làm việc" in deadline.explanation
        assert "hạn 14/07/2026; áp dụng cách tính cho hạn sớm hơn" in deadline.explanation

    def test_the_configured_reading_wins(self, rule_book, calendar):
        primary = deadline_for(
            "khieu_nai", "thu_ly_lan_1", D(2026, 7, 3), rules=rule_book, calendar=calendar, reading=Reading.PRIMARY
        )
        assert (primary.due_on, primary.unit) == (D(2026, 7, 14), Unit.WORKING_DAY)
        alternative = deadline_for(
            "khieu_nai", "thu_ly_lan_1", D(2026, 6, 30), rules=rule_book, calendar=calendar, reading=Reading.ALTERNATIVE
        )
        assert (alternative.due_on, alternative.unit) == (D(2026, 7, 14), Unit.WORKING_DAY)

    def test_a_rule_with_one_reading_refuses_the_other(self, rule_book, calendar):
        with pytest.raises(DeadlineError):
            deadline_for("khieu_nai", "giai_quyet_lan_1", D(2026, 7, 3), rules=rule_book, calendar=calendar,
                         reading=Reading.ALTERNATIVE)  # fmt: skip


class TestExtensions:
    def test_complex_denunciation_once(self, rule_book, calendar):
        deadline = deadline_for("to_cao", "giai_quyet", D(2026, 2, 5), Modifiers(Complexity.PHUC_TAP, extensions=1),
                                rules=rule_book, calendar=calendar)  # fmt: skip
        assert (deadline.due_on, deadline.period) == (D(2026, 4, 6), 60)
        assert "gia hạn 01 lần, mỗi lần 30 ngày (Khoản 2, 3 Điều 30 Luật Tố cáo 2018), tổng cộng 60 ngày" in (
            deadline.explanation
        )

    def test_especially_complex_twice_from_the_checklist(self, rule_book, calendar):
        modifiers = Modifiers.from_criteria(["a", "e"], extensions=2)
        deadline = deadline_for("to_cao", "giai_quyet", D(2026, 2, 5), modifiers, rules=rule_book, calendar=calendar)
        assert (deadline.due_on, deadline.period) == (D(2026, 5, 6), 90)
        assert "vụ việc đặc biệt phức tạp" in deadline.explanation

    @pytest.mark.parametrize(
        "modifiers",
        [
            Modifiers(extensions=1),
            Modifiers(Complexity.PHUC_TAP, extensions=2),
            Modifiers(Complexity.DAC_BIET, extensions=3),
        ],
    )
    def test_more_extensions_than_the_law_allows_are_refused(self, rule_book, calendar, modifiers):
        with pytest.raises(DeadlineError) as error:
            deadline_for("to_cao", "giai_quyet", D(2026, 2, 5), modifiers, rules=rule_book, calendar=calendar)
        assert error.value.code == "extension_not_allowed"

    def test_complaints_have_longer_periods_not_extensions(self, rule_book, calendar):
        with pytest.raises(DeadlineError):
            deadline_for("khieu_nai", "giai_quyet_lan_1", D(2026, 2, 5), Modifiers(Complexity.PHUC_TAP, extensions=1),
                         rules=rule_book, calendar=calendar)  # fmt: skip

    def test_initial_processing_of_a_denunciation_up_to_ten_working_days(self, rule_book, calendar):
        deadline = deadline_for("to_cao", "xu_ly_ban_dau", D(2026, 4, 24), Modifiers(extensions=1),
                                rules=rule_book, calendar=calendar)  # fmt: skip
        assert deadline.due_on == D(2026, 5, 13)
        assert deadline.explanation.startswith("07 ngày làm việc kể từ ngày nhận được tố cáo 24/04/2026")
        assert "gia hạn 01 lần, mỗi lần 03 ngày làm việc" in deadline.explanation


class TestSuspensions:
    def test_calendar_days_of_suspension_are_not_counted(self, rule_book, calendar):
        deadline = deadline_for("to_cao", "giai_quyet", D(2026, 2, 5), ORD, [Pause(D(2026, 2, 10), D(2026, 2, 15))],
                                rules=rule_book, calendar=calendar)  # fmt: skip
        assert deadline.due_on == D(2026, 3, 12)
        assert "không tính 05 ngày tạm đình chỉ từ ngày 10/02/2026 đến ngày tiếp tục giải quyết 15/02/2026" in (
            deadline.explanation
        )

    def test_suspension_and_extension_together(self, rule_book, calendar):
        deadline = deadline_for("to_cao", "giai_quyet", D(2026, 2, 5), Modifiers(Complexity.DAC_BIET, extensions=2),
                                [Pause(D(2026, 2, 10), D(2026, 2, 15))], rules=rule_book, calendar=calendar)  # fmt: skip
        assert deadline.due_on == D(2026, 5, 11)

    def test_an_open_suspension_gives_no_date(self, rule_book, calendar):
        deadline = deadline_for("to_cao", "giai_quyet", D(2026, 2, 5), ORD, [Pause(D(2026, 2, 10))],
                                rules=rule_book, calendar=calendar)  # fmt: skip
        assert deadline.due_on is None and deadline.warn_on is None
        assert (deadline.paused_since, deadline.remaining) == (D(2026, 2, 10), 25)
        assert "thời hạn còn lại 25 ngày" in deadline.explanation

    def test_a_working_day_suspension(self, rule_book, calendar):
        deadline = deadline_for("to_cao", "xu_ly_ban_dau", D(2026, 8, 3), ORD, [Pause(D(2026, 8, 5), D(2026, 8, 10))],
                                rules=rule_book, calendar=calendar)  # fmt: skip
        assert deadline.due_on == D(2026, 8, 17)

    def test_a_minimum_duration_cannot_be_suspended(self, rule_book, calendar):
        with pytest.raises(DeadlineError):
            deadline_for("dan_chu_co_so", "niem_yet", D(2026, 2, 5), ORD, [Pause(D(2026, 2, 10), D(2026, 2, 15))],
                         rules=rule_book, calendar=calendar)  # fmt: skip


class TestTransfers:
    def test_acceptance_restarts_when_the_competent_body_receives_the_file(self, rule_book, calendar):
        deadline = deadline_for("khieu_nai", "thu_ly_lan_1", D(2026, 2, 2), rules=rule_book, calendar=calendar,
                                transferred_on=D(2026, 2, 10))  # fmt: skip
        assert (deadline.started_on, deadline.due_on) == (D(2026, 2, 10), D(2026, 2, 23))
        assert "thời hạn được tính lại từ ngày này" in deadline.explanation

    def test_a_transfer_across_a_regime_boundary_takes_the_new_regime(self, rule_book, calendar):
        deadline = deadline_for("khieu_nai", "thu_ly_lan_1", D(2026, 6, 25), rules=rule_book, calendar=calendar,
                                transferred_on=D(2026, 7, 1))  # fmt: skip
        assert (deadline.regime, deadline.due_on) == (Regime.R2026, D(2026, 7, 10))

    def test_resolution_keeps_its_clock(self, rule_book, calendar):
        deadline = deadline_for("khieu_nai", "giai_quyet_lan_1", D(2026, 2, 5), rules=rule_book, calendar=calendar,
                                transferred_on=D(2026, 2, 20))  # fmt: skip
        assert deadline.due_on == D(2026, 3, 9)
        assert "không làm thay đổi thời hạn" in deadline.explanation

    def test_a_transfer_before_the_event_is_refused(self, rule_book, calendar):
        with pytest.raises(DeadlineError):
            deadline_for("khieu_nai", "thu_ly_lan_1", D(2026, 2, 5), rules=rule_book, calendar=calendar,
                         transferred_on=D(2026, 2, 1))  # fmt: skip


class TestOtherKinds:
    def test_notice_before_a_dialogue(self, rule_book, calendar):
        deadline = deadline_for("khieu_nai", "thong_bao_doi_thoai", D(2026, 9, 7), rules=rule_book, calendar=calendar)
        assert deadline.due_on == D(2026, 8, 28)
        assert "ngày 02/09/2026 là ngày nghỉ" in deadline.explanation
        assert deadline.warn_on is not None and deadline.warn_on < deadline.due_on

    def test_notice_before_a_meeting_in_working_days(self, rule_book, calendar):
        deadline = deadline_for(
            "khieu_nai", "cong_khai_thong_bao_hop", D(2026, 5, 4), rules=rule_book, calendar=calendar
        )
        assert deadline.due_on == D(2026, 4, 24)
        assert deadline.explanation.startswith(
            "Ít nhất 03 ngày làm việc trước ngày tổ chức cuộc họp công bố 04/05/2026"
        )

    def test_posting_for_at_least_thirty_days(self, rule_book, calendar):
        deadline = deadline_for("dan_chu_co_so", "niem_yet", D(2027, 1, 20), rules=rule_book, calendar=calendar)
        assert deadline.due_on == D(2027, 2, 19) and deadline.warn_on is None
        assert not deadline.estimated  # a count of calendar days that never moves needs no calendar

    def test_a_requirement_has_no_date(self, rule_book, calendar):
        with pytest.raises(DeadlineError) as error:
            deadline_for("to_cao", "quyet_dinh_gia_han", D(2026, 2, 5), rules=rule_book, calendar=calendar)
        assert error.value.code == "no_period"

    def test_internal_targets_say_so(self, rule_book, calendar):
        deadline = deadline_for("pakn", "xac_nhan_tiep_nhan", D(2026, 2, 13), rules=rule_book, calendar=calendar)
        assert deadline.due_on == D(2026, 2, 23) and not deadline.statutory
        assert "chỉ tiêu nội bộ, không phải thời hạn luật định" in deadline.explanation
        assert "[U]" in deadline.explanation


class TestRefusals:
    def test_a_step_that_did_not_exist_before_2026(self, rule_book, calendar):
        with pytest.raises(RuleNotFound):
            deadline_for("khieu_nai", "thong_bao_doi_thoai", D(2026, 6, 30), rules=rule_book, calendar=calendar)

    def test_a_law_not_yet_in_force(self, rule_book, calendar):
        with pytest.raises(DeadlineError) as error:
            deadline_for("dan_chu_co_so", "cong_khai", D(2023, 6, 30), rules=rule_book, calendar=calendar)
        assert error.value.code == "not_in_force"
        assert deadline_for("dan_chu_co_so", "cong_khai", D(2023, 7, 3), rules=rule_book, calendar=calendar).due_on

    def test_an_unknown_step(self, rule_book, calendar):
        with pytest.raises(RuleNotFound):
            deadline_for("khieu_nai", "khong_co", D(2026, 2, 5), rules=rule_book, calendar=calendar)

    def test_a_forced_regime_is_used(self, rule_book, calendar):
        deadline = deadline_for("khieu_nai", "thu_ly_lan_1", D(2026, 7, 1), rules=rule_book, calendar=calendar,
                                regime=Regime.R2025)  # fmt: skip
        assert (deadline.regime, deadline.due_on) == (Regime.R2025, D(2026, 7, 13))
