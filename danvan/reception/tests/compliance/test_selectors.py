"""Compliance arithmetic (frozen time), its permission gate and its pinned query counts."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import NotFound
from danvan.core.periods import MONTH, QUARTER, Period
from danvan.org.choices import Role
from danvan.org.models import Position
from danvan.org.tests.factories import officer
from danvan.reception import choices
from danvan.reception.models import Crowd
from danvan.reception.selectors.compliance import (
    WHY_AD_HOC,
    WHY_CANCELLED,
    WHY_DEPUTY,
    compliance_report,
    head_month,
)
from danvan.reception.tests.compliance.helpers import commitment, task
from danvan.reception.tests.factories import ReceptionWorld, at, head_duty, reception_point, session, visit

pytestmark = pytest.mark.django_db
HELD, CANCELLED = choices.SessionStatus.HELD, choices.SessionStatus.CANCELLED
JUNE, JULY = Period(MONTH, dt.date(2026, 6, 1)), Period(MONTH, dt.date(2026, 7, 1))


@pytest.fixture
def august(frozen_clock):
    frozen_clock.move_to(dt.datetime(2026, 8, 5, 9, 0, tzinfo=dt.UTC))
    return frozen_clock


def _chair_row(w: ReceptionWorld, period: Period):
    report = compliance_report(w.inspector, top=w.tinh, period=period)
    (row,) = [r for r in report.heads if r.head == w.chair]
    return row.figures


def test_a_commune_chair_owes_five_mondays_in_june_and_two_in_july(rworld: ReceptionWorld, august) -> None:
    w = rworld
    for day in (1, 8, 15):  # three of five Mondays, by the chair
        session(w.point, w.chair, at(2026, 6, day), duty=w.duty, status=HELD)
    session(w.point, w.chair, at(2026, 6, 22), duty=w.duty, status=CANCELLED, cancel_reason="Họp đột xuất")
    session(w.point, w.chair, at(2026, 7, 6), duty=w.duty, status=HELD)
    june, july = _chair_row(w, JUNE), _chair_row(w, JULY)
    assert (june.required, june.held, june.cancelled) == (5, 3, 1)
    assert june.percent == 60.0
    assert (july.required, july.held) == (2, 1)
    assert july.percent == 50.0


def test_a_deputys_session_counts_under_r2014_not_r2026(rworld: ReceptionWorld, august) -> None:
    w = rworld
    session(w.point, w.chair, at(2026, 6, 29), duty=w.duty, status=HELD, held_by=w.deputy)
    session(w.point, w.chair, at(2026, 7, 13), duty=w.duty, status=HELD, held_by=w.deputy)
    june, july = _chair_row(w, JUNE), _chair_row(w, JULY)
    assert (june.held, june.held_not_counted) == (1, 0)
    assert (july.held, july.held_not_counted) == (0, 1)
    lines = head_month(w.inspector, head_id=w.chair.pk, month=JULY).lines
    assert [(line.held, line.counted, line.why) for line in lines] == [(True, False, WHY_DEPUTY)]


def test_ad_hoc_sessions_are_counted_apart_and_never_toward_required(rworld: ReceptionWorld, august) -> None:
    w = rworld
    session(w.point, w.chair, at(2026, 7, 2), kind=choices.SessionKind.AD_HOC, status=HELD,
            ad_hoc_trigger=choices.AdHocTrigger.ACUTE_COMPLEX_OR_MANY)  # fmt: skip
    july = _chair_row(w, JULY)
    assert (july.required, july.held, july.ad_hoc) == (2, 0, 1)
    assert july.percent == 0.0
    (line,) = head_month(w.inspector, head_id=w.chair.pk, month=JULY).lines
    assert (line.held, line.counted, line.why) == (True, False, WHY_AD_HOC)


def test_a_cancelled_session_is_not_held(rworld: ReceptionWorld, august) -> None:
    w = rworld
    session(w.point, w.chair, at(2026, 7, 6), duty=w.duty, status=CANCELLED)
    july = _chair_row(w, JULY)
    assert (july.held, july.cancelled) == (0, 1)
    (line,) = head_month(w.inspector, head_id=w.chair.pk, month=JULY).lines
    assert (line.held, line.counted, line.why) == (False, False, WHY_CANCELLED)


def test_nothing_required_is_no_ratio_not_a_hundred_percent(rworld: ReceptionWorld, august) -> None:
    w = rworld
    w.duty.valid_to = dt.date(2026, 5, 31)
    w.duty.save()
    head_duty(w.point, w.chair, valid_from=dt.date(2026, 7, 20))  # successor duty after the 15th: nothing owed
    july = _chair_row(w, JULY)
    assert july.required == 0
    assert july.ratio is None and july.percent is None


def test_visits_crowds_answers_tasks_and_commitments(rworld: ReceptionWorld, august) -> None:
    w = rworld
    s = session(w.point, w.chair, at(2026, 7, 6), duty=w.duty, status=HELD)
    on_time = visit(w.phuong, w.officer, session=s, received_at=at(2026, 7, 6, 9),
                    outcome_due_on=dt.date(2026, 7, 20), outcome_on=dt.date(2026, 7, 17), outcome="accepted")  # fmt: skip
    visit(w.phuong, w.officer, session=s, received_at=at(2026, 7, 6, 10), outcome_due_on=dt.date(2026, 7, 20),
          outcome_on=dt.date(2026, 7, 24), outcome="accepted")  # late  # fmt: skip
    visit(w.phuong, w.officer, session=s, received_at=at(2026, 7, 6, 10), outcome_due_on=dt.date(2026, 7, 20),
          group_size=7)  # overdue, a crowd  # fmt: skip
    visit(w.phuong, w.officer, received_at=at(2026, 7, 9, 10))  # a walk-in: the body's, not the chair's
    visit(w.phuong, w.officer, received_at=at(2026, 6, 30, 10), session=s)  # June: not counted in July
    Crowd.objects.create(visit=on_time.__class__.objects.get(group_size=7))
    task(w.phuong, w.chair, dt.date(2026, 7, 10), status="done", done_on=dt.date(2026, 7, 9))
    task(w.phuong, w.chair, dt.date(2026, 7, 10), status="done", done_on=dt.date(2026, 7, 12))
    task(w.phuong, w.chair, dt.date(2026, 7, 30))  # open and overdue on 5/8
    task(w.phuong, w.chair, dt.date(2026, 7, 30), status="cancelled")
    commitment(w.phuong, w.chair, dt.date(2026, 7, 31), status="kept", closed_on=dt.date(2026, 7, 29))
    commitment(w.phuong, w.chair, dt.date(2026, 7, 31))
    july = _chair_row(w, JULY)
    assert (july.visits, july.crowds) == (3, 1)
    assert (july.outcomes_due, july.outcomes_on_time, july.outcomes_late, july.outcomes_overdue) == (3, 1, 1, 1)
    assert (july.tasks_due, july.tasks_on_time, july.tasks_overdue) == (3, 1, 1)
    assert (july.commitments_due, july.commitments_kept) == (2, 1)
    report = compliance_report(w.inspector, top=w.tinh, period=JULY)
    (body,) = [b for b in report.bodies if b.organization == w.phuong]
    assert body.figures.visits == 4 and report.total.visits == 4


def test_a_quarter_adds_its_months_up_to_today(rworld: ReceptionWorld, august) -> None:
    q3 = Period(QUARTER, dt.date(2026, 7, 1))
    assert _chair_row(rworld, q3).required == 2 + 2  # July and August; September has not begun
    q2 = Period(QUARTER, dt.date(2026, 4, 1))
    assert _chair_row(rworld, q2).required == 4 + 4 + 5  # Mondays of April, May, June 2026


def test_the_ward_chair_sees_its_ward_the_province_inspector_the_subtree(rworld: ReceptionWorld, august) -> None:
    w = rworld
    kim_long_chair = officer("chutich2", Role.HEAD, w.other, full_name="Hồ Văn Nam")
    Position.objects.create(person=kim_long_chair, organization=w.other, title="Chủ tịch", is_head=True)
    head_duty(reception_point(w.other), kim_long_chair)
    inspector = compliance_report(w.inspector, top=w.tinh, period=JULY)
    assert {r.head for r in inspector.heads} == {w.chair, kim_long_chair}
    ward = compliance_report(w.chair, top=w.phuong, period=JULY)
    assert [r.head for r in ward.heads] == [w.chair]
    with pytest.raises(NotFound):
        compliance_report(w.chair, top=w.tinh, period=JULY)
    with pytest.raises(NotFound):
        compliance_report(w.chair, top=w.other, period=JULY)
    with pytest.raises(NotFound):
        head_month(w.chair, head_id=kim_long_chair.pk, month=JULY)
    with pytest.raises(NotFound):
        compliance_report(w.officer, top=w.phuong, period=JULY)  # a reception officer reads no compliance


def test_the_report_reads_a_fixed_number_of_queries(
    rworld: ReceptionWorld, august, django_assert_max_num_queries
) -> None:
    w = rworld

    def add_heads(n: int) -> None:
        for i in range(n):
            head = officer(f"ct{n}{i}", Role.HEAD, w.other)
            duty = head_duty(w.point, head, level=choices.Level.COMMUNE)
            for month in (4, 5, 6, 7):
                s = session(w.point, head, at(2026, month, 6), duty=duty, status=HELD)
                visit(w.phuong, w.officer, session=s, received_at=at(2026, month, 6, 9))
            task(w.phuong, head, dt.date(2026, 7, 3))
            commitment(w.phuong, head, dt.date(2026, 7, 3))

    year = Period("year", dt.date(2026, 1, 1))
    add_heads(2)
    with django_assert_max_num_queries(12) as small:
        compliance_report(w.inspector, top=w.tinh, period=year)
    add_heads(6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        report = compliance_report(w.inspector, top=w.tinh, period=year)
    assert len(report.heads) == 9


def test_presided_yearly_counts_one_bodys_sessions_and_duties_only(rworld: ReceptionWorld) -> None:
    """The per-official evaluation sheet is a body's: a session the chair presided in another body, and a duty
    held there, are that body's, never this one's."""
    from danvan.reception.selectors.compliance import presided_yearly

    w = rworld
    elsewhere = reception_point(w.other)
    session(w.point, w.chair, at(2025, 1, 6, 8, 0), status=HELD)
    session(elsewhere, w.chair, at(2025, 2, 3, 8, 0), status=HELD)
    session(elsewhere, w.handler, at(2025, 3, 3, 8, 0), status=HELD)
    head_duty(elsewhere, w.handler)
    ids = [w.chair.pk, w.handler.pk]
    assert presided_yearly(organization_id=w.phuong.pk, user_ids=ids, year=2025) == {
        w.chair.pk: {"presided": 1, "duty": 1}, w.handler.pk: {"presided": 0, "duty": 0}}  # fmt: skip
    assert presided_yearly(organization_id=w.other.pk, user_ids=ids, year=2025) == {
        w.chair.pk: {"presided": 1, "duty": 0}, w.handler.pk: {"presided": 1, "duty": 1}}  # fmt: skip
