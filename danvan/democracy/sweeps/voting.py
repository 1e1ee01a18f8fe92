"""The voting part's sweep (run by tasks.democracy_sweep): count every online vote whose time is up and
end every consent round whose time is up without more than half the households agreeing."""

from __future__ import annotations

import datetime as dt

from danvan.core import clock
from danvan.democracy.services import voting


def sweep(today: dt.date) -> dict[str, int]:
    """Idempotent: a counted or ended round is not picked again. ``today`` is the sweep's day; the
    rounds' times are compared with now (a vote closing at 20:00 is counted by the next run after it)."""
    return voting.due_close(clock.now())
