"""The world the insight browser tests (warnings, hub) open: the demo-like places of ``make_world``, the dân vận
officer able to sign in, a quiet background of cases and one surge of the same matter that raises one alert."""

from __future__ import annotations

import datetime as dt
from typing import Any


def surge_world(password: str, *, other_topic: bool = False) -> tuple[Any, list[Any]]:
    """(the world, the surge's cases). ``other_topic``: a steady second topic too (the hotspots page's rows)."""
    from danvan.cases.tests.factories import make_world
    from danvan.core import clock
    from danvan.core.testing.browser import reference_data_restore
    from danvan.insight.services.warnings import warnings_detect
    from danvan.insight.tests.warnings.conftest import case_on

    reference_data_restore()  # an earlier live-server test may have flushed the database
    built = make_world()
    built.dan_van.set_password(password)
    built.dan_van.save()
    today = clock.today()
    for back in range(10, 64, 5):
        case_on(today - dt.timedelta(days=back))
    surge = [case_on(today - dt.timedelta(days=back), title=f"Rác thải bốc mùi ở kiệt {back + 3}")
             for back in (0, 0, 1, 1, 2, 3, 4, 5, 6)]  # fmt: skip
    if other_topic:
        for back in range(0, 64, 4):
            case_on(today - dt.timedelta(days=back), "giao-thong-ha-tang")
    assert warnings_detect().raised == 1
    return built, surge
