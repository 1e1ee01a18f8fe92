"""The pure rules of booking a slot at a reception session (spec §3.2, §3.5; docs/reception/booking.md).

Where a new booking goes (confirmed, waiting list, or refused), how long the waiting list may grow, the
confirmation code (short, read aloud at a counter, no look-alike characters). Which identity a booker
must give is ``rules.IDENTITY_RULES`` (the register's too); a valid number, ``core.id_card``. Pure: no Django.
"""

from __future__ import annotations

import re
import secrets

from danvan.reception.enums import BookingStatus

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
