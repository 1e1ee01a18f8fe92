"""Query-count baselines of the staff case pages and the REST staff list: an N+1 fails CI (issue 7).

Each page is read with a few cases, then with many more (with longer timelines); the number of SQL
queries must not grow, and must stay at or under the baseline written here. A change that adds a
query on purpose raises the baseline in the same commit, with the reason next to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.cases.choices import Track
from danvan.cases.models import Case
from danvan.cases.services import handling
from danvan.cases.tests.views.test_staff import World, submit
from danvan.cases.tests.views.test_staff import world as world
from danvan.core.clock import VIETNAM

pytestmark = pytest.mark.django_db


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def read_later(client: Any, url: str, frozen_clock: Any, user: Any) -> int:
    """Read the page 100 days on, when every open case is overdue (so the overdue list has rows)."""
    frozen_clock.move_to(dt.datetime(2026, 5, 16, 9, 0, tzinfo=VIETNAM))
    if user is not None:
        client.force_login(user)  # a session does not last 100 days
    try:
        return queries(client, url)
    finally:
        frozen_clock.move_to(dt.datetime(2026, 2, 5, 9, 0, tzinfo=VIETNAM))


def grow(w: World, n: int) -> list[Case]:
    """``n`` more cases of every track, assigned and moved a step, so timelines grow too."""
    made = []
    for i in range(n):
        case = submit(track=[Track.PAKN, Track.KHIEU_NAI, Track.TO_CAO][i % 3])
        handling.case_assign(case=case, actor=w.head, handler=w.handler)
        if case.track == Track.PAKN:
            handling.case_register(case=case, actor=w.handler)
        else:
            handling.case_accept(case=case, actor=w.head)
            handling.case_start_verification(case=case, actor=w.handler)
        made.append(case)
    return made


# page -> (who reads it, the URL given the first case, baseline)
PAGES: dict[str, tuple[str, Callable[[Case], str], int]] = {
    # session, user, roles, filter choices (bodies, places, handlers), bulk form's handlers, count, rows,
    # and the sizes of the two lists of handlers (a long list waits until one body is chosen)
    "inbox": ("head", lambda c: "/van-hanh/ho-so/", 11),
    "overdue list": ("head", lambda c: "/van-hanh/ho-so/?deadline=overdue", 11),
    "inbox search": ("head", lambda c: "/van-hanh/ho-so/?q=kiet+12", 11),
    # session, user, roles, the case with its bodies, events, attachments, parties, notifications
    # … and the panels other apps add (insight's "the same matter": its signature, the candidates, their
    # grams among those the reader may open, the cases ranked, the linked ones)
    "case page": ("head", lambda c: f"/van-hanh/ho-so/{c.pk}/", 13),
    # REST staff list: session, user, roles, count, rows (bodies and places joined)
    "api staff list": ("head", lambda c: "/api/v1/cases?page_size=50", 5),
}


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_the_data(client, world, page, frozen_clock):
    who, url_of, baseline = PAGES[page]
    user = getattr(world, who) if who else None
    first = grow(world, 3)[0]
    small = read_later(client, url_of(first), frozen_clock, user)
    grow(world, 27)
    large = read_later(client, url_of(first), frozen_clock, user)
    assert large == small, f"{page}: {small} queries with 3 cases, {large} with 30"
    assert large <= baseline, f"{page}: {large} queries, baseline {baseline}"
