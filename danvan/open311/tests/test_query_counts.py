"""The query-count baseline of Open311's public list: an N+1 fails CI (issue 7). (The staff pages' baselines
are with the cases pages: danvan/cases/tests/views/test_query_counts.py, whose helpers this uses.)"""

from __future__ import annotations

import pytest

from danvan.cases.tests.views.test_query_counts import grow, read_later
from danvan.cases.tests.views.test_staff import world as world

pytestmark = pytest.mark.django_db

OPEN311_SINCE = "2026-02-20T00:00:00%2B07:00"  # within the 90 days before the reading date
URL = f"/open311/v2/requests.json?page_size=50&start_date={OPEN311_SINCE}"
BASELINE = 2  # published services, rows (bodies joined)


def test_the_open311_list_query_count_does_not_grow_with_the_data(client, world, frozen_clock):
    grow(world, 3)
    small = read_later(client, URL, frozen_clock, None)
    grow(world, 27)
    large = read_later(client, URL, frozen_clock, None)
    assert large == small, f"{small} queries with 3 cases, {large} with 30"
    assert large <= BASELINE, f"{large} queries, baseline {BASELINE}"
