"""Whole numbers, ids and page numbers from query strings and forms. Pure: no Django, no database.

Every number a person or a partner types reaches the code as text. ``str.isdigit()`` says yes to
"²" or "١٢" that ``int()`` then refuses (a server error) or reads differently ("١٢" is 12): the
web pages, the REST API and Open311 read numbers only through these functions, which take ASCII
digits and nothing else, within a range, and answer ``None`` for anything else. What to do with
``None`` (ignore the filter, refuse with the caller's error format) is the caller's to decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_DIGITS = re.compile(r"[0-9]{1,19}")  # 19 digits: anything longer is beyond every range below

MAX_ID = 2**63 - 1  # primary keys are 64-bit integers in PostgreSQL and SQLite
MAX_PAGE = 100_000  # the last page a list offers (beyond it a filter is needed, not a page number)
MAX_PEOPLE = 10_000  # people who sign one petition (the intake service checks the same bound)


def whole_number(raw: object, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """``raw`` as an int if it is written in ASCII digits (surrounding spaces allowed) within
    ``low``..``high``; otherwise ``None``. No sign, no decimals, no exponent, no "1_000"."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None


def object_id(raw: object) -> int | None:
    """A primary key: a whole number from 1 to ``MAX_ID``."""
    return whole_number(raw, low=1, high=MAX_ID)


def page_number(raw: object, *, high: int = MAX_PAGE) -> int | None:
    """A page number or a page size: from 1 to ``high``."""
    return whole_number(raw, low=1, high=high)


def holds_nul(values: Iterable[object]) -> bool:
    """Does any value hold U+0000? PostgreSQL cannot keep it in text, not even as a query's parameter,
    so every interface refuses such input as bad input (each in its own error format) before any query."""
    return any("\x00" in str(value) for value in values)
