"""Reporting periods: a calendar year, quarter or month, written one way everywhere (no Django).

A period travels as text in one encoding — ``2026`` (a year), ``2026-Q1`` (a quarter), ``2026-02``
(a month) — in the public REST API (``?period=``), in the addresses of the satisfaction pages and in
file names. The text says the kind, so one ``<select>`` offers years, quarters and months without a
script. The API is public, so this encoding must not change; ``parse`` also reads a lower-case ``q``
(``2026-q1``), which the API and the public pages have always accepted.

Satisfaction indices are computed per period; the official reports of the other capabilities will be
too, so the periods live in ``core``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

YEAR: Final = "year"
QUARTER: Final = "quarter"
MONTH: Final = "month"
KINDS: Final = (YEAR, QUARTER, MONTH)
_MONTHS = {MONTH: 1, QUARTER: 3, YEAR: 12}

# A four-digit year from 1000 to 2999: an address or a query naming year 0 or 9999 is a mistake.
_TEXT = re.compile(r"(?P<year>[12][0-9]{3})(?:-(?:[Qq](?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?")


def start_of(kind: str, day: dt.date) -> dt.date:
    """The first day of the period of ``kind`` that holds ``day``."""
    if kind == MONTH:
        return day.replace(day=1)
    if kind == QUARTER:
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if kind == YEAR:
        return dt.date(day.year, 1, 1)
    raise ValueError(f"unknown period kind {kind!r}")


@dataclass(frozen=True, order=True)
class Period:
    """A year, quarter or month, named by its kind and its first day."""

    kind: str
    start: dt.date

    def __post_init__(self) -> None:
        if start_of(self.kind, self.start) != self.start:  # also refuses an unknown kind
            raise ValueError(f"{self.start} is not the first day of a {self.kind}")

    @classmethod
    def holding(cls, kind: str, day: dt.date) -> Period:
        """The period of ``kind`` that holds ``day``."""
        return cls(kind, start_of(kind, day))

    @property
    def end(self) -> dt.date:
        """The period's last day."""
        year, month = divmod(self.start.month - 1 + _MONTHS[self.kind], 12)
        return dt.date(self.start.year + year, month + 1, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        """Short and language-neutral, as tables and charts show it: ``2026``, ``Q1/2026``, ``02/2026``."""
        if self.kind == MONTH:
            return f"{self.start.month:02d}/{self.start.year}"
        if self.kind == QUARTER:
            return f"Q{self.quarter}/{self.start.year}"
        return str(self.start.year)

    @property
    def quarter(self) -> int:
        return (self.start.month - 1) // 3 + 1

    def previous(self) -> Period:
        return Period.holding(self.kind, self.start - dt.timedelta(days=1))

    def following(self) -> Period:
        return Period(self.kind, self.end + dt.timedelta(days=1))

    def narrowed(self, kind: str, today: dt.date) -> Period:
        """The period of ``kind`` this one stands for: itself when of that kind; otherwise the one holding
        today if this period holds today, else the last one inside it (a year 2025 read as months: 12/2025).
        A page whose reader changed the kind without the list of periods following still shows something sound."""
        if kind == self.kind:
            return self
        return Period.holding(kind, today if self.start <= today <= self.end else self.end)

    def __str__(self) -> str:
        if self.kind == YEAR:
            return str(self.start.year)
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{self.quarter}"
        return f"{self.start.year}-{self.start.month:02d}"


def parse(text: str) -> Period | None:
    """The period written as ``2026``, ``2026-Q1`` or ``2026-02`` (surrounding blanks ignored); None otherwise."""
    match = _TEXT.fullmatch((text or "").strip())
    if match is None:
        return None
    year = int(match["year"])
    if match["quarter"]:
        return Period(QUARTER, dt.date(year, 3 * int(match["quarter"]) - 2, 1))
    if match["month"]:
        return Period(MONTH, dt.date(year, int(match["month"]), 1))
    return Period(YEAR, dt.date(year, 1, 1))


def between(kind: str, first: dt.date, last: dt.date) -> list[Period]:
    """Every period of ``kind`` from the one holding ``first`` to the one holding ``last``, oldest first."""
    periods: list[Period] = []
    current = Period.holding(kind, first)
    while current.start <= last:
        periods.append(current)
        current = current.following()
    return periods
