"""The booking part's morning sweep (called by tasks.reception_sweep): the reminder the day before."""

from __future__ import annotations

import datetime as dt


def sweep(today: dt.date) -> dict[str, int]:
    """Remind every confirmed booker of tomorrow's sessions, once; the counts it returns are logged."""
    from danvan.reception.services.booking import booking_reminders_send

    return {"reminded": booking_reminders_send(today=today)}
