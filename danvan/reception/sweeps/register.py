"""The register part's morning sweep (called by tasks.reception_sweep): the Art. 28(1) answer clock.

A visit taken in and not yet answered is reminded to its receiving officer once, when its answer is due
within ``REMIND_WORKING_DAYS`` working days (the deadlines calendar counts them), and flagged once when
the due day has passed (the officer and the body's heads are told). Running it twice a day, or every
day, sends nothing twice: ``outcome_reminded_at`` and ``outcome_overdue_at`` record that it was done.
"""

from __future__ import annotations

import datetime as dt

from danvan.reception.services.register_sweep import visits_answer_sweep

REMIND_WORKING_DAYS = 2


def sweep(today: dt.date) -> dict[str, int]:
    """What the register part does each morning; the counts it returns are logged."""
    return visits_answer_sweep(today=today, remind_within=REMIND_WORKING_DAYS)
