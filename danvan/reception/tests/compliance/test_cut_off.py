"""The compliance figures as of a cut-off (``yearly_figures(cut_off=)``, read by the yearly dân vận evaluation):
the months owed are those over by that day; the report itself keeps its rule (a month begun is owed in full)."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.clock import VIETNAM
from danvan.core.periods import YEAR, Period
from danvan.reception.choices import CommitmentStatus, SessionStatus
from danvan.reception.selectors.compliance import compliance_report, owed_months, yearly_figures
from danvan.reception.tests.compliance.helpers import commitment
from danvan.reception.tests.factories import at, make_reception_world, session

pytestmark = pytest.mark.django_db

YEAR_2026 = Period(YEAR, dt.date(2026, 1, 1))


def test_owed_months_with_a_cut_off_are_the_months_over_by_it():
    assert owed_months(YEAR_2026, dt.date(2026, 12, 2))[-1] == dt.date(2026, 12, 1)  # the report's rule
    assert owed_months(YEAR_2026, dt.date(2026, 12, 2), cut_off=dt.date(2026, 12, 2))[-1] == dt.date(2026, 11, 1)
    assert len(owed_months(YEAR_2026, dt.date(2027, 1, 4), cut_off=dt.date(2026, 11, 30))) == 11
    assert owed_months(YEAR_2026, dt.date(2026, 1, 20), cut_off=dt.date(2026, 1, 20)) == []


def test_yearly_figures_as_of_a_cut_off(frozen_clock):
    # The commune chair owes one session a week to 30 June 2026 (26 Mondays), then two a month (R2026).
    w = make_reception_world()
    for day in (dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 12, 1)):
        session(w.point, w.chair, at(day.year, day.month, day.day), status=SessionStatus.HELD)
    commitment(w.phuong, w.chair, dt.date(2026, 3, 1), status=CommitmentStatus.KEPT)
    commitment(w.phuong, w.chair, dt.date(2026, 12, 20))
    frozen_clock.move_to(dt.datetime(2026, 12, 2, 9, 0, tzinfo=VIETNAM))
    f = yearly_figures(organization_ids=[w.phuong.pk], year=2026, cut_off=dt.date(2026, 12, 2))[w.phuong.pk]
    assert (f.held, f.required, f.commitments_due, f.commitments_kept) == (2, 36, 1, 1)
    f = yearly_figures(organization_ids=[w.phuong.pk], year=2026)[w.phuong.pk]  # no cut-off: the report's rule
    assert (f.held, f.required, f.commitments_due, f.commitments_kept) == (3, 38, 2, 1)


def test_the_compliance_report_keeps_owing_the_month_in_progress(frozen_clock):
    """The reception report's own rule is unchanged: a month begun is owed in full (read at its end)."""
    w = make_reception_world()
    frozen_clock.move_to(dt.datetime(2026, 12, 2, 9, 0, tzinfo=VIETNAM))
    report = compliance_report(w.dan_van, top=w.phuong, period=YEAR_2026, subtree=False)
    assert report.total.required == 38  # December's 2 included
