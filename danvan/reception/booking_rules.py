"""The pure rules of booking a slot at a reception session (spec §3.2, §3.5; docs/reception/booking.md).

Which identity a booker must give (a rule with its regime and date, not a constant in a view), where a
new booking goes (confirmed, waiting list, or refused), how long the waiting list may grow, the
confirmation code (short, read aloud at a counter, no look-alike characters). Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from danvan.reception.enums import BookingStatus


@dataclass(frozen=True)
class IdentityRule:
    """What identity a person who comes to a session must give while the row is in force."""

    regime: str
    valid_from: dt.date
    id_number_required: bool
    legal_basis: str


# R2014: Luật Tiếp công dân 2013, Art. 7(1)(a) asks the visitor to "nêu rõ họ tên, địa chỉ" and show a
# paper "nếu có": the booking asks name and phone, the ID number is optional. R2026: NĐ 154/2026 Art. 12
# (from 1/7/2026) requires the number of the ID card (căn cước), or the personal identification number,
# or a passport number, "to avoid impersonation" [S]. The session's date picks the row.
IDENTITY_RULES: tuple[IdentityRule, ...] = (
    IdentityRule("R2014", dt.date(2014, 7, 1), False, "Luật Tiếp công dân 2013, Điều 7(1)(a)"),
    IdentityRule("R2026", dt.date(2026, 7, 1), True, "Nghị định 154/2026/NĐ-CP, Điều 12"),
)


def identity_rule_for(day: dt.date, rules: Iterable[IdentityRule] = IDENTITY_RULES) -> IdentityRule:
    """The row in force on ``day`` (the latest that started on or before it)."""
    in_force = [r for r in rules if r.valid_from <= day]
    return max(in_force, key=lambda r: r.valid_from) if in_force else min(rules, key=lambda r: r.valid_from)


def id_number_required(day: dt.date) -> bool:
    return identity_rule_for(day).id_number_required


# A 12-digit ID-card / personal identification number (CCCD, số định danh cá nhân), or a Vietnamese
# passport number (one letter and seven or eight digits). The old 9-digit CMND stopped being valid
# on 1/1/2025 (Luật Căn cước 2023, Art. 46).
_ID_CARD = re.compile(r"\d{12}")
_PASSPORT = re.compile(r"[A-Z]\d{7,8}")
_ID_SEPARATORS = re.compile(r"[\s.\-]+")


def id_number_clean(raw: str) -> str:
    """How an ID number is stored: without spaces, dots or dashes, upper case."""
    return _ID_SEPARATORS.sub("", raw or "").upper()


def id_number_valid(raw: str) -> bool:
    text = id_number_clean(raw)
    return bool(_ID_CARD.fullmatch(text) or _PASSPORT.fullmatch(text))


# --- Places: confirmed, waiting, full ----------------------------------------------------------------
WAITING_MIN = 3


def waiting_list_limit(capacity: int) -> int:
    """How many may wait beyond the confirmed slots: half the capacity, at least ``WAITING_MIN``. Beyond
    that, the chance of moving up is too small to promise anything; the citizen is told the session is
    full and to choose another one."""
    return max(WAITING_MIN, capacity // 2)


def place_for(*, confirmed: int, waiting: int, capacity: int) -> BookingStatus | None:
    """Where a new booking goes: CONFIRMED while a slot is free, else WAITING while the waiting list
    has room, else ``None`` (the session is full)."""
    if confirmed < capacity:
        return BookingStatus.CONFIRMED
    if waiting < waiting_list_limit(capacity):
        return BookingStatus.WAITING
    return None


# Statuses that hold a place (a slot or a place in the queue) and block a second booking by the same phone.
HOLDING = (BookingStatus.CONFIRMED, BookingStatus.WAITING)
# A booking that came or did not come still counts as "already booked" for that session.
NOT_CANCELLED = (BookingStatus.CONFIRMED, BookingStatus.WAITING, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)


# --- The confirmation code ----------------------------------------------------------------------------
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and typed without doubt
CODE_PREFIX = "LH"  # "lịch hẹn"
CODE_LENGTH = 8  # 31^8 ≈ 8.5e11: guessing one needs the phone too, and the look-up is rate-limited
_CODE_SEPARATORS = re.compile(r"[\s.\-_/]+")
_LOOKALIKES = str.maketrans({"0": "O", "1": "I"})  # never issued; mapped so that the check below refuses them


def code_new() -> str:
    """A fresh code, "LH-7K9Q-M4XR" (the service retries on the rare clash with an existing one)."""
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{CODE_PREFIX}-{body[:4]}-{body[4:]}"


def code_parse(text: str) -> str | None:
    """The code a citizen means by ``text`` (any case, any spacing, with or without "LH"), or ``None``."""
    compact = _CODE_SEPARATORS.sub("", (text or "").upper()).translate(_LOOKALIKES)
    if compact.startswith(CODE_PREFIX) and len(compact) == len(CODE_PREFIX) + CODE_LENGTH:
        compact = compact[len(CODE_PREFIX) :]
    if len(compact) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in compact):
        return None
    return f"{CODE_PREFIX}-{compact[:4]}-{compact[4:]}"
