"""The deputy rule is one pure function (``rules.held_session_counts``) used by the schedule (marking a
session held) and by compliance (counting it): they agree, also for a regular session without a duty."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import DomainError
from danvan.core.periods import MONTH, Period
from danvan.reception import choices, errors, rules
from danvan.reception.enums import HeadKind, Level
from danvan.reception.schedule_seed import ROWS
from danvan.reception.selectors.compliance import head_month
from danvan.reception.services import schedule as services
from danvan.reception.tests.factories import ReceptionWorld, at, session

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("held_by", "kind", "day", "counts"),
    [
        (None, None, dt.date(2026, 8, 3), True),  # nobody recorded: the head's
        (1, HeadKind.UBND_CHAIR, dt.date(2026, 8, 3), True),  # the head himself
        (2, HeadKind.UBND_CHAIR, dt.date(2026, 6, 29), True),  # a deputy under R2014
        (2, HeadKind.UBND_CHAIR, dt.date(2026, 8, 3), False),  # a deputy under R2026
        (2, None, dt.date(2026, 6, 29), False),  # a deputy, no duty known: no row lets him stand in
    ],
)
def test_held_session_counts(held_by: int | None, kind: HeadKind | None, day: dt.date, counts: bool) -> None:
    level = Level.COMMUNE if kind else None
    assert rules.held_session_counts(head_id=1, held_by_id=held_by, head_kind=kind, level=level, day=day,
                                     table=list(ROWS)) is counts  # fmt: skip


def test_a_session_without_duty_is_judged_by_the_heads_duty_in_both(rworld: ReceptionWorld, frozen_clock) -> None:
    frozen_clock.move_to(at(2026, 8, 3, 12, 0))
    s = session(rworld.point, rworld.chair, at(2026, 8, 3))  # regular, no duty; the chair's duty is a commune's
    assert s.duty is None and s.kind == choices.SessionKind.REGULAR
    with pytest.raises(DomainError) as refused:
        services.session_mark_held(actor=rworld.officer, session=s, held_by=rworld.deputy)
    assert refused.value.code == errors.DEPUTY_NOT_ALLOWED
    s.refresh_from_db()
    assert s.held_by is None and s.status == choices.SessionStatus.PLANNED
    services.session_mark_held(actor=rworld.officer, session=s, held_by=rworld.chair)
    (line,) = head_month(rworld.inspector, head_id=rworld.chair.pk, month=Period(MONTH, dt.date(2026, 8, 1))).lines
    assert (line.held, line.counted, line.why) == (True, True, "")


def test_a_deputy_allowed_by_the_schedule_is_counted_by_compliance(rworld: ReceptionWorld, frozen_clock) -> None:
    frozen_clock.move_to(at(2026, 6, 29, 12, 0))
    s = session(rworld.point, rworld.chair, at(2026, 6, 29))  # R2014: a deputy may stand in
    services.session_mark_held(actor=rworld.officer, session=s, held_by=rworld.deputy)
    (line,) = head_month(rworld.inspector, head_id=rworld.chair.pk, month=Period(MONTH, dt.date(2026, 6, 1))).lines
    assert (line.held, line.counted, line.why) == (True, True, "")
