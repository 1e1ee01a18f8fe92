"""The frequency table as the pure rules read it: the one place ``ScheduleRule`` rows become
``rules.Frequency`` values (the schedule, the deputy check and the compliance figures all use it)."""

from __future__ import annotations

from danvan.reception.enums import HeadKind, Level, Per
from danvan.reception.models import ScheduleRule
from danvan.reception.rules import Frequency


def frequency_table() -> list[Frequency]:
    return [
        Frequency(
            head_kind=HeadKind(row.head_kind),
            level=Level(row.level),
            regime=row.regime,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            count=row.count,
            per=Per(row.per),
            deputy_may_stand_in=row.deputy_may_stand_in,
            legal_basis=row.legal_basis,
            confidence=row.confidence,
        )
        for row in ScheduleRule.objects.order_by("head_kind", "level", "valid_from")
    ]
