"""The one entry point of the pure core: ``deadline_for``. No ORM, no request.

It picks the rule row for the regime in force on the day the clock starts, applies the modifiers in
the order of spec §0.4 (base period, complexity and remote area, extensions, suspensions), counts
the period the BLDS 2015 way on the civil-service calendar, and says how it got there in a
Vietnamese sentence a citizen can check against the law.

The rest of the project calls ``selectors.deadline_compute``, which loads the rules and the
calendar from the database and calls this function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from danvan.core.errors import DomainError
from danvan.deadlines.calendar import DayCategory, WorkingCalendar, weekday_vi
from danvan.deadlines.counting import Counted, count_at_least, count_before, count_within
from danvan.deadlines.rules import (
    COMPLEXITY_VI,
    UNIT_VI,
    Condition,
    Confidence,
    Kind,
    Modifiers,
    Pause,
    Reading,
    Regime,
    Rule,
    RuleBook,
    TransferEffect,
    Unit,
    regime_on,
)


class DeadlineError(DomainError):
    """The request cannot give a date (a duty without a period, a refused extension, a bad date)."""

    code = "deadline"


@dataclass(frozen=True)
class Deadline:
    """A computed legal time limit and why.

    ``due_on`` is the legal deadline: the last day, to its end, on which the step may be done
    (for ``Kind.AT_LEAST``: the last day a minimum duration must still run). It is None only while a
    suspension is still open; ``paused_since`` and ``remaining`` then say where the clock stopped.
    ``warn_on`` is an internal reminder and must never be shown as the legal deadline.
    ``estimated`` is True when the count runs through a year whose days off the Government has not
    yet announced ("dự kiến").
    """

    procedure: str
    step: str
    label: str
    regime: Regime
    kind: Kind
    started_on: dt.date
    period: int
    unit: Unit
    due_on: dt.date | None
    warn_on: dt.date | None
    legal_basis: str
    confidence: Confidence
    statutory: bool
    explanation: str
    estimated: bool
    rolled_over: bool = False
    paused_since: dt.date | None = None
    remaining: int | None = None


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _amount(period: int, unit: Unit) -> str:
    # Vietnamese legal style writes small counts with two digits: "03 ngày làm việc".
    return f"{period:02d} {UNIT_VI[unit]}"


@dataclass(frozen=True)
class _Reading:
    period: int
    unit: Unit
    legal_basis: str
    confidence: Confidence
    counted: Counted


def _qualifiers(rule: Rule, modifiers: Modifiers) -> list[str]:
    parts = []
    if rule.complex_case is Condition.YES or (modifiers.extensions and modifiers.is_complex):
        parts.append(COMPLEXITY_VI[modifiers.complexity])
    if rule.remote_area is Condition.YES:
        parts.append("ở vùng sâu, vùng xa đi lại khó khăn")
    return parts


def _count(
    calendar: WorkingCalendar, rule: Rule, start: dt.date, period: int, unit: Unit, pauses: tuple[Pause, ...]
) -> Counted:
    if rule.kind is Kind.WITHIN:
        return count_within(calendar, start, period, unit, pauses)
    if pauses:
        raise DeadlineError("only a period to act within can be suspended", code="pause_not_allowed")
    if rule.kind is Kind.AT_LEAST:
        return count_at_least(calendar, start, period, unit)
    return count_before(calendar, start, period, unit)


def _warn_on(calendar: WorkingCalendar, rule: Rule, chosen: _Reading, pauses: tuple[Pause, ...]) -> dt.date | None:
    due_on = chosen.counted.due_on
    if due_on is None or rule.kind is Kind.AT_LEAST:
        return None
    start = chosen.counted.start
    if rule.kind is Kind.BEFORE:
        # Remind ahead of the last day to give notice by the share of the period not yet used.
        lead = max(1, chosen.period - chosen.period * rule.warn_percent // 100)
        if chosen.unit is Unit.WORKING_DAY:
            return calendar.add_working_days(due_on, -lead)
        return calendar.on_or_before(due_on - dt.timedelta(days=lead))
    share = chosen.period * rule.warn_percent // 100
    reached = count_within(calendar, start, share, chosen.unit, pauses).last_day or due_on
    reminder = calendar.on_or_before(reached) if reached > start else start
    return min(max(reminder, start), due_on)


def deadline_for(
    procedure: str,
    step: str,
    started_on: dt.date,
    modifiers: Modifiers | None = None,
    pauses: Iterable[Pause] = (),
    *,
    rules: RuleBook,
    calendar: WorkingCalendar,
    regime: Regime | None = None,
    transferred_on: dt.date | None = None,
    reading: Reading | None = None,
) -> Deadline:
    """The deadline of ``step`` of ``procedure`` whose clock starts on ``started_on``.

    ``started_on`` is the event day (receipt, acceptance, decision; for ``Kind.BEFORE`` steps the
    day of the event that needs notice); it is not counted. ``regime`` defaults to the one in force
    on the day the clock starts. ``transferred_on`` is the day the file reached the competent body
    after a transfer; the rule says whether that restarts the clock. ``reading`` overrides the
    rule's choice between two stored readings.
    """
    modifiers = modifiers or Modifiers()
    pauses = tuple(pauses)
    clock_start = started_on
    if transferred_on is not None and transferred_on < started_on:
        raise DeadlineError("the transfer cannot come before the event", code="bad_transfer")
    # A transfer that restarts the clock moves the start, and with it possibly the regime; the rule
    # of the original date tells whether it restarts.
    first_rule = rules.find(procedure, step, regime or regime_on(started_on), modifiers)
    if transferred_on is not None and first_rule.on_transfer is TransferEffect.RESTART:
        clock_start = transferred_on
    effective_regime = regime or regime_on(clock_start)
    rule = (
        first_rule
        if effective_regime is first_rule.regime
        else rules.find(procedure, step, effective_regime, modifiers)
    )
    if rule.effective_from is not None and clock_start < rule.effective_from:
        raise DeadlineError(
            f"{rule.legal_basis} was not in force on {_d(clock_start)}",
            code="not_in_force",
            details={"effective_from": rule.effective_from.isoformat()},
        )
    if rule.kind is Kind.REQUIREMENT or rule.period is None or rule.unit is None:
        raise DeadlineError(f"{procedure}.{step} is a requirement without a period", code="no_period")

    allowed = rule.max_extensions(modifiers.complexity)
    if modifiers.extensions > allowed:
        raise DeadlineError(
            f"{procedure}.{step}: {modifiers.extensions} extension(s) asked, {allowed} allowed for "
            f"{modifiers.complexity}",
            code="extension_not_allowed",
        )
    extra = modifiers.extensions * (rule.extension_period or 0)

    primary = _Reading(
        rule.period + extra,
        rule.unit,
        rule.legal_basis,
        rule.confidence,
        _count(calendar, rule, clock_start, rule.period + extra, rule.unit, pauses),
    )
    other: _Reading | None = None
    if rule.alt_period is not None and rule.alt_unit is not None:
        other = _Reading(
            rule.alt_period + extra,
            rule.alt_unit,
            rule.alt_legal_basis,
            rule.alt_confidence or rule.confidence,
            _count(calendar, rule, clock_start, rule.alt_period + extra, rule.alt_unit, pauses),
        )
    chosen, unused = _choose(rule, primary, other, reading or rule.reading)

    due_on = chosen.counted.due_on
    span_end = due_on or chosen.counted.paused_since or clock_start
    # A minimum duration in calendar days never looks at the calendar; everything else does.
    uses_calendar = chosen.unit is Unit.WORKING_DAY or rule.kind is not Kind.AT_LEAST
    estimated_years = calendar.estimated_years(clock_start, span_end) if uses_calendar else []
    explanation = _explain(
        calendar=calendar,
        rule=rule,
        modifiers=modifiers,
        chosen=chosen,
        unused=unused,
        started_on=started_on,
        clock_start=clock_start,
        transferred_on=transferred_on,
        estimated_years=estimated_years,
        reading=reading or rule.reading,
    )
    return Deadline(
        procedure=procedure,
        step=step,
        label=rule.label,
        regime=rule.regime,
        kind=rule.kind,
        started_on=clock_start,
        period=chosen.period,
        unit=chosen.unit,
        due_on=due_on,
        warn_on=_warn_on(calendar, rule, chosen, pauses),
        legal_basis=chosen.legal_basis,
        confidence=chosen.confidence,
        statutory=rule.statutory,
        explanation=explanation,
        estimated=bool(estimated_years),
        rolled_over=chosen.counted.rolled_over if rule.kind is not Kind.BEFORE else False,
        paused_since=chosen.counted.paused_since,
        remaining=chosen.counted.remaining,
    )


def _choose(
    rule: Rule, primary: _Reading, other: _Reading | None, reading: Reading
) -> tuple[_Reading, _Reading | None]:
    if other is None:
        if reading is Reading.ALTERNATIVE:
            raise DeadlineError(f"{rule.procedure}.{rule.step} has no other reading", code="no_alternative")
        return primary, None
    if reading is Reading.PRIMARY:
        return primary, other
    if reading is Reading.ALTERNATIVE:
        return other, primary
    # Spec §0.2: by default the stricter reading, the one that ends first. While a suspension is
    # open, the one with less time left.
    if primary.counted.due_on is not None and other.counted.due_on is not None:
        return (other, primary) if other.counted.due_on < primary.counted.due_on else (primary, other)
    return (other, primary) if (other.counted.remaining or 0) < (primary.counted.remaining or 0) else (primary, other)


def _explain(
    *,
    calendar: WorkingCalendar,
    rule: Rule,
    modifiers: Modifiers,
    chosen: _Reading,
    unused: _Reading | None,
    started_on: dt.date,
    clock_start: dt.date,
    transferred_on: dt.date | None,
    estimated_years: list[int],
    reading: Reading,
) -> str:
    counted = chosen.counted
    base = chosen.period - modifiers.extensions * (rule.extension_period or 0)
    amount = _amount(base, chosen.unit)
    qualifiers = _qualifiers(rule, modifiers)
    if qualifiers:
        amount += f" ({', '.join(qualifiers)})"
    if rule.kind is Kind.BEFORE:
        head = f"Ít nhất {amount} trước {rule.trigger} {_d(clock_start)} ({chosen.legal_basis})"
    elif rule.kind is Kind.AT_LEAST:
        head = f"Ít nhất {amount} kể từ {rule.trigger} {_d(clock_start)} ({chosen.legal_basis})"
    else:
        head = f"{amount[0].upper()}{amount[1:]} kể từ {rule.trigger} {_d(clock_start)} ({chosen.legal_basis})"
    parts = [head]

    if transferred_on is not None:
        if clock_start == transferred_on and rule.on_transfer is TransferEffect.RESTART:
            parts.append(
                f"hồ sơ được chuyển đến cơ quan có thẩm quyền ngày {_d(transferred_on)} nên thời hạn được tính "
                f"lại từ ngày này (sự việc ban đầu ngày {_d(started_on)})"
            )
        else:
            parts.append(f"việc chuyển hồ sơ ngày {_d(transferred_on)} không làm thay đổi thời hạn")
    if modifiers.extensions and rule.extension_period:
        parts.append(
            f"gia hạn {modifiers.extensions:02d} lần, mỗi lần {_amount(rule.extension_period, chosen.unit)} "
            f"({rule.extension_legal_basis or rule.legal_basis}), tổng cộng {_amount(chosen.period, chosen.unit)}"
        )
    for pause in counted.pauses:
        if pause.after_expiry:
            parts.append(f"tạm đình chỉ ngày {_d(pause.suspended_on)} khi đã hết hạn nên không làm thay đổi hạn")
        elif pause.resumed_on is None:
            parts.append(f"tạm đình chỉ từ ngày {_d(pause.suspended_on)}, chưa có quyết định tiếp tục giải quyết")
        else:
            parts.append(
                f"không tính {_amount(pause.excluded, chosen.unit)} tạm đình chỉ từ ngày {_d(pause.suspended_on)} "
                f"đến ngày tiếp tục giải quyết {_d(pause.resumed_on)}"
            )

    if counted.due_on is None:
        parts.append(f"thời hạn còn lại {_amount(counted.remaining or 0, chosen.unit)}, tính tiếp khi có quyết định "
                     "tiếp tục giải quyết")  # fmt: skip
    elif rule.kind is Kind.AT_LEAST:
        parts.append(f"phải duy trì đến hết ngày {_d(counted.due_on)} ({weekday_vi(counted.due_on)})")
    elif rule.kind is Kind.BEFORE:
        assert counted.last_day is not None
        if counted.due_on != counted.last_day:
            parts.append(
                f"ngày {_d(counted.last_day)} là ngày nghỉ ({_day_off_name(calendar, counted.last_day)}) nên phải thực hiện "
                f"chậm nhất vào ngày làm việc liền trước: {_d(counted.due_on)} ({weekday_vi(counted.due_on)})"
            )
        else:
            parts.append(f"phải thực hiện chậm nhất ngày {_d(counted.due_on)} ({weekday_vi(counted.due_on)})")
    elif counted.rolled_over:
        assert counted.last_day is not None
        parts.append(
            f"ngày cuối cùng {_d(counted.last_day)} rơi vào ngày nghỉ ({_day_off_name(calendar, counted.last_day)}) nên "
            f"hạn cuối chuyển sang ngày làm việc tiếp theo: {_d(counted.due_on)} ({weekday_vi(counted.due_on)}) "
            "(Khoản 5 Điều 148 Bộ luật Dân sự 2015)"
        )
    else:
        parts.append(f"hạn cuối: hết ngày {_d(counted.due_on)} ({weekday_vi(counted.due_on)})")

    if unused is not None:
        other_due = unused.counted.due_on
        other_text = f"hạn {_d(other_due)}" if other_due is not None else "đang tạm dừng"
        why = {
            Reading.STRICTER: "áp dụng cách tính cho hạn sớm hơn",
            Reading.PRIMARY: "theo cấu hình áp dụng cách tính thứ nhất",
            Reading.ALTERNATIVE: "theo cấu hình áp dụng cách tính thứ hai",
        }[reading]
        parts.append(
            f"cách tính khác: {_amount(unused.period, unit=unused.unit)} ({unused.legal_basis}), {other_text}; {why}"
        )
    if not rule.statutory:
        parts.append("đây là chỉ tiêu nội bộ, không phải thời hạn luật định")
    if chosen.confidence is not Confidence.VERIFIED:
        parts.append(f"quy định [{chosen.confidence}] chưa được đối chiếu với văn bản gốc")
    if estimated_years:
        years = ", ".join(str(year) for year in estimated_years)
        parts.append(f"lịch nghỉ năm {years} là dự kiến, chưa có thông báo chính thức")
    return "; ".join(parts) + "."


def _day_off_name(calendar: WorkingCalendar, day: dt.date) -> str:
    info = calendar.day(day)
    if info.category is DayCategory.WEEKEND or not info.label:
        return weekday_vi(day)
    return f"{weekday_vi(day)}, {info.label}"
