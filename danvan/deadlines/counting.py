"""Counting periods the way Bộ luật Dân sự 2015 does (Điều 147–148). Pure: no ORM, no request.

- A period in days starts on the day after its event; the event day is not counted (Điều 147).
- It ends at the end of its last day (Điều 148 khoản 1).
- If the last day is a weekend day or a public holiday, the period ends at the end of the next
  working day (Điều 148 khoản 5). This applies to calendar-day periods too (spec §0.2); a
  working-day period always ends on a working day.
- A suspension stops the clock; it starts again after the resumption decision (see ``rules.Pause``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from danvan.core.errors import DomainError
from danvan.deadlines.calendar import WorkingCalendar
from danvan.deadlines.rules import Pause, Unit


class PauseError(DomainError):
    """The suspensions given cannot be applied (they overlap or start before the clock)."""

    code = "bad_pause"


@dataclass(frozen=True)
class AppliedPause:
    """What one suspension did to the clock."""

    suspended_on: dt.date
    resumed_on: dt.date | None
    excluded: int  # days (in the period's unit) not counted; 0 when it came too late to matter
    after_expiry: bool  # the suspension came after the period had already run out


@dataclass(frozen=True)
class Counted:
    """The end of a period counted from ``start``.

    ``last_day`` is the last day by plain counting; ``due_on`` the day the period really ends,
    moved forward by Điều 148 khoản 5 when ``last_day`` is not a working day. While a suspension is
    still open both are None, and ``remaining`` says how much of the period is left.
    """

    start: dt.date
    last_day: dt.date | None
    due_on: dt.date | None
    pauses: tuple[AppliedPause, ...] = ()
    paused_since: dt.date | None = None
    remaining: int | None = None

    @property
    def rolled_over(self) -> bool:
        return self.last_day is not None and self.due_on != self.last_day


def _advance(calendar: WorkingCalendar, start: dt.date, amount: int, unit: Unit) -> dt.date:
    if unit is Unit.WORKING_DAY:
        return calendar.add_working_days(start, amount)
    if unit is Unit.CALENDAR_DAY:
        return start + dt.timedelta(days=amount)
    raise ValueError(f"cannot count a period in {unit}")


def _elapsed(calendar: WorkingCalendar, start: dt.date, end: dt.date, unit: Unit) -> int:
    """Days of ``unit`` in (start, end]."""
    if unit is Unit.WORKING_DAY:
        return calendar.working_days_between(start, end)
    return max(0, (end - start).days)


def count_within(
    calendar: WorkingCalendar,
    start: dt.date,
    period: int,
    unit: Unit,
    pauses: Iterable[Pause] = (),
) -> Counted:
    """The day by which something must be done, ``period`` units after ``start``, net of pauses."""
    if period < 0:
        raise ValueError("a period cannot be negative")
    anchor, remaining = start, period
    applied: list[AppliedPause] = []
    previous_end: dt.date | None = None
    for pause in sorted(pauses, key=lambda p: p.suspended_on):
        if pause.suspended_on < start:
            raise PauseError("a suspension cannot start before the clock starts", code="pause_before_start")
        if previous_end is not None and pause.suspended_on < previous_end:
            raise PauseError("suspensions overlap", code="pause_overlap")
        due_so_far = calendar.on_or_after(_advance(calendar, anchor, remaining, unit))
        if pause.suspended_on > due_so_far:
            # Suspending a case that is already overdue does not revive its deadline.
            applied.append(AppliedPause(pause.suspended_on, pause.resumed_on, 0, after_expiry=True))
            previous_end = pause.resumed_on or pause.suspended_on
            continue
        remaining -= min(remaining, _elapsed(calendar, anchor, pause.suspended_on, unit))
        if pause.resumed_on is None:
            applied.append(AppliedPause(pause.suspended_on, None, 0, after_expiry=False))
            return Counted(start, None, None, tuple(applied), paused_since=pause.suspended_on, remaining=remaining)
        excluded = _elapsed(calendar, pause.suspended_on, pause.resumed_on, unit)
        applied.append(AppliedPause(pause.suspended_on, pause.resumed_on, excluded, after_expiry=False))
        anchor = pause.resumed_on
        previous_end = pause.resumed_on
    last_day = _advance(calendar, anchor, remaining, unit)
    # BLDS 2015, Điều 148 khoản 5: a last day that is not a working day moves to the next one.
    return Counted(start, last_day, calendar.on_or_after(last_day), tuple(applied))


def count_at_least(calendar: WorkingCalendar, start: dt.date, period: int, unit: Unit) -> Counted:
    """The earliest day a minimum duration (posting, broadcasting) may end: it must run to the end
    of this day. Counted from the day after ``start`` (Điều 147), and never moved: Điều 148 khoản 5
    gives more time to act, while a posting may simply stay up over a weekend."""
    last_day = _advance(calendar, start, period, unit)
    return Counted(start, last_day, last_day)


def count_before(calendar: WorkingCalendar, event_on: dt.date, period: int, unit: Unit) -> Counted:
    """The latest day to act when the law wants ``period`` units of notice before an event.

    Notice on the returned day leaves ``period`` units between it and the event. A day that is not a
    working day moves back to the previous working day: moving forward would cut the notice short.
    """
    if unit is Unit.WORKING_DAY:
        last_day = calendar.add_working_days(event_on, -period)
    else:
        last_day = event_on - dt.timedelta(days=period)
    return Counted(event_on, last_day, calendar.on_or_before(last_day))
