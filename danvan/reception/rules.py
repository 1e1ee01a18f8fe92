"""The pure rules of reception: how many sessions a head owes in a month, which sessions count (and
whether a deputy may stand in), how many representatives a crowd may choose, the compliance ratio, and
from which day a visitor must give an identity number (spec §3.1, §3.2, §3.4, §3.5).

The frequencies themselves are data (``ScheduleRule`` rows seeded from ``schedule_seed``, editable
by operators with their regime and dates); this module only applies them. Pure: no Django.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from danvan.reception.enums import HeadKind, Level, Per

R2026_FROM = dt.date(2026, 7, 1)  # Luật 136/2025/QH15 and NĐ 154/2026 in force: the regime "R2026"


@dataclass(frozen=True)
class Frequency:
    """One row of the schedule table: a head of this kind at this level owes ``count`` sessions per
    ``per`` while the row is in force; ``deputy_may_stand_in`` says whether a deputy's session counts."""

    head_kind: HeadKind
    level: Level
    regime: str
    valid_from: dt.date
    valid_to: dt.date | None
    count: int
    per: Per
    deputy_may_stand_in: bool
    legal_basis: str
    confidence: str  # V, S or U (spec's marks)

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def applies_to(self, head_kind: HeadKind, level: Level) -> bool:
        return self.head_kind == head_kind and self.level in (level, Level.ANY)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def mondays_in_month(month: dt.date) -> list[dt.date]:
    """A week belongs to the month of its Monday: so every week is counted in exactly one month."""
    first, last = month_start(month), month_end(month)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    return [monday + dt.timedelta(weeks=i) for i in range((last - monday).days // 7 + 1)]


def frequency_for(rules: Iterable[Frequency], head_kind: HeadKind, level: Level, day: dt.date) -> Frequency | None:
    """The row in force on ``day`` for this head; a row for the exact level beats one for any level."""
    matching = [r for r in rules if r.applies_to(head_kind, level) and r.in_force_on(day)]
    matching.sort(key=lambda r: (r.level != level, -r.valid_from.toordinal()))
    return matching[0] if matching else None


def sessions_required(rules: Iterable[Frequency], head_kind: HeadKind, level: Level, month: dt.date) -> int:
    """Regular sessions a head owes in the month of ``month``.

    A monthly row is read on the month's first day. A weekly row is read week by week, on each Monday
    of the month (a week belongs to the month of its Monday), so a change of regime mid-month counts
    each week under the row in force when it began.
    """
    rules = list(rules)
    first = month_start(month)
    total = 0
    monthly = frequency_for(rules, head_kind, level, first)
    if monthly is not None and monthly.per == Per.MONTH:
        total += monthly.count
    for monday in mondays_in_month(first):
        weekly = frequency_for(rules, head_kind, level, monday)
        if weekly is not None and weekly.per == Per.WEEK:
            total += weekly.count
    return total


MID_MONTH = 15  # the day a monthly duty is read on for a head who starts or leaves during the month


def duty_sessions_required(
    rules: Iterable[Frequency],
    head_kind: HeadKind,
    level: Level,
    month: dt.date,
    *,
    duty_from: dt.date,
    duty_to: dt.date | None,
) -> int:
    """Regular sessions one duty (``HeadDuty`` from ``duty_from`` to ``duty_to``) owes in the month.

    Nothing is prorated. A duty that covers the whole month owes ``sessions_required``. A duty that
    starts or ends during the month owes:

    * each week whose Monday falls inside the duty (a week belongs to the month of its Monday, and to
      the head in office on that Monday), under the weekly row in force that Monday;
    * a monthly row in full if the duty is in force on the month's 15th (``MID_MONTH``), else nothing.

    So when one head hands over to a successor mid-month, every week and every monthly duty is owed by
    exactly one of them, never by both and never by neither.
    """
    rules = list(rules)
    first, last = month_start(month), month_end(month)

    def covers(day: dt.date) -> bool:
        return duty_from <= day and (duty_to is None or day <= duty_to)

    if covers(first) and covers(last):
        return sessions_required(rules, head_kind, level, first)
    if duty_from > last or (duty_to is not None and duty_to < first):
        return 0
    total = 0
    monthly = frequency_for(rules, head_kind, level, first)
    if monthly is not None and monthly.per == Per.MONTH and covers(first.replace(day=MID_MONTH)):
        total += monthly.count
    for monday in mondays_in_month(first):
        weekly = frequency_for(rules, head_kind, level, monday)
        if weekly is not None and weekly.per == Per.WEEK and covers(monday):
            total += weekly.count
    return total


def session_counts(*, held_by_head: bool, rule: Frequency | None) -> bool:
    """Whether a held regular session counts toward the head's duty: the head's own always does; a
    deputy's only where the row in force lets a deputy stand in (R2026 does not, spec §3.1)."""
    return held_by_head or (rule is not None and rule.deputy_may_stand_in)


class _Dated(Protocol):
    valid_from: dt.date
    valid_to: dt.date | None


def duty_on[D: _Dated](duties: Sequence[D], day: dt.date) -> D | None:
    """The head's duty a session without one was held under: the first in force on ``day``, else the first
    given (a session just outside its duty's dates still belongs to it), else ``None``."""
    in_force = [d for d in duties if d.valid_from <= day and (d.valid_to is None or day <= d.valid_to)]
    chosen = in_force or list(duties)
    return chosen[0] if chosen else None


def presiding_id(*, head_id: int, held_by_id: int | None) -> int:
    """Who presided a held session: the one recorded as receiving (``held_by``), else — nobody recorded —
    the head whose session it is."""
    return head_id if held_by_id is None else held_by_id


def held_session_counts(
    *,
    head_id: int,
    held_by_id: int | None,
    head_kind: HeadKind | None,
    level: Level | None,
    day: dt.date,
    table: Iterable[Frequency],
) -> bool:
    """Whether a regular session held by ``held_by_id`` counts toward the duty of ``head_id`` — and so
    whether a deputy may hold it at all (``services.schedule`` refuses what would not count; compliance
    counts what would). The head's own (or nobody recorded) always counts; a deputy's only where the
    frequency row in force on ``day`` for the duty's head kind and level lets a deputy stand in. With no
    duty known (``head_kind`` None) there is no row, so a deputy's session does not count."""
    if presiding_id(head_id=head_id, held_by_id=held_by_id) == head_id:
        return True
    if head_kind is None or level is None:
        return False
    return session_counts(held_by_head=False, rule=frequency_for(table, head_kind, level, day))


def compliance(held: int, required: int) -> Fraction | None:
    """``held / required``; ``None`` when nothing was required (no ratio, not 100 %)."""
    return None if required <= 0 else Fraction(held, required)


# --- Crowds (Arts. 29–30) -------------------------------------------------------------------------
CROWD_FROM = 5  # "5–10 people → 1–2 representatives": a visit of five or more is a crowd (spec §3.4)


def is_crowd(group_size: int) -> bool:
    return group_size >= CROWD_FROM


def representatives_allowed(group_size: int) -> tuple[int, int] | None:
    """(fewest, most) representatives the law allows a group of this size; ``None`` below a crowd.

    Luật Tiếp công dân Art. 30(1): 5 to 10 people choose 1 or 2; more than 10 may choose more, at most 5.
    """
    if not is_crowd(group_size):
        return None
    return (1, 2) if group_size <= 10 else (1, 5)


# --- Identity (NĐ 154/2026 Art. 12) ----------------------------------------------------------------


@dataclass(frozen=True)
class IdentityRule:
    """What identity a visitor (booked or at the counter) must give while the row is in force."""

    regime: str
    valid_from: dt.date
    id_number_required: bool
    legal_basis: str


# R2014: Luật Tiếp công dân 2013, Art. 7(1)(a) asks the visitor to "nêu rõ họ tên, địa chỉ" and show a
# paper "nếu có": the identity number is optional. R2026: NĐ 154/2026 Art. 12 (from 1/7/2026) requires the
# number of the ID card (căn cước), a certificate of identity, the personal identification number or a
# passport "to avoid impersonation" [S]. The day of the session (a booking) or of the visit (the register)
# picks the row; what a valid number is, is ``core.id_card``'s one rule.
IDENTITY_RULES: tuple[IdentityRule, ...] = (
    IdentityRule("R2014", dt.date(2014, 7, 1), False, "Luật Tiếp công dân 2013, Điều 7(1)(a)"),
    IdentityRule("R2026", R2026_FROM, True, "Nghị định 154/2026/NĐ-CP, Điều 12"),
)
IDENTITY_REQUIRED_FROM = min(r.valid_from for r in IDENTITY_RULES if r.id_number_required)


def identity_rule_for(day: dt.date, rules: Iterable[IdentityRule] = IDENTITY_RULES) -> IdentityRule:
    """The row in force on ``day`` (the latest that started on or before it)."""
    rules = list(rules)
    in_force = [r for r in rules if r.valid_from <= day]
    return max(in_force, key=lambda r: r.valid_from) if in_force else min(rules, key=lambda r: r.valid_from)


def id_number_required(day: dt.date) -> bool:
    """Whether a visitor on ``day`` must give an identity number (booking and register alike)."""
    return identity_rule_for(day).id_number_required
