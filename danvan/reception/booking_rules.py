"""The pure rules of booking a slot at a reception session (spec §3.2, §3.5; docs/reception/booking.md).

Where a new booking goes (confirmed, waiting list, or refused), how long the waiting list may grow, the
confirmation code's format is ``codes`` (the follow codes' too). Which identity a booker
must give is ``rules.IDENTITY_RULES`` (the register's too); a valid number, ``core.id_card``. Pure: no Django.
"""

from __future__ import annotations

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
