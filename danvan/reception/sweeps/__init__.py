"""Each part's morning sweep, in the order they run (each part edits only its own module)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from danvan.reception.sweeps import booking, conclusions, dialogues, register, schedule

PARTS: list[tuple[str, Callable[[dt.date], dict[str, int]]]] = [
    ("schedule", schedule.sweep),
    ("booking", booking.sweep),
    ("register", register.sweep),
    ("conclusions", conclusions.sweep),
    ("dialogues", dialogues.sweep),
]
