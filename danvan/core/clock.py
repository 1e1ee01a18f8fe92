"""The one clock of Dân Vận Số.

Every "now" and "today" in the project comes from here, never from ``datetime.now()``: legal
deadlines are counted in Vietnamese calendar days, so "today" must be today in Asia/Ho_Chi_Minh
even when the server runs in UTC. Tests freeze it with ``time_machine`` (see the ``frozen_clock``
fixture in conftest.py), which moves this clock and Django's together.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> dt.datetime:
    """The current instant, aware, expressed in Vietnam time."""
    return timezone.now().astimezone(VIETNAM)


def today() -> dt.date:
    """Today's date in Vietnam: the date legal periods are counted from."""
    return now().date()


def local(moment: dt.datetime) -> dt.datetime:
    """An aware datetime shown in Vietnam time; naive input is refused rather than guessed."""
    if timezone.is_naive(moment):
        raise ValueError("naive datetime: the project only handles aware datetimes")
    return moment.astimezone(VIETNAM)
