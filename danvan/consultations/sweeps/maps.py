"""Consultations: the maps part's morning sweep (run by tasks.consultations_sweep): the final map of each
consultation that closed (the minute refresh only looks at open ones). A consultation whose votes did not
change since its latest map is skipped, so running it every morning for a while costs nothing."""

from __future__ import annotations

import datetime as dt

LOOK_BACK_DAYS = 7  # a consultation closed within this many days gets its final map (once, then skipped)


def sweep(today: dt.date) -> dict[str, int]:
    from danvan.consultations.selectors import maps as selectors
    from danvan.consultations.services import maps as services

    recomputed = 0
    for consultation in selectors.consultations_closed_since(today - dt.timedelta(days=LOOK_BACK_DAYS)):
        if services.recompute(consultation) is not None:
            recomputed += 1
    return {"final_maps": recomputed}
