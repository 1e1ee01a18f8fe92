"""A small world for the early warnings: Phú Xuân's cases on two topics over ten weeks, placed by intake."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from danvan.cases.models import Case
from danvan.cases.tests.factories import World, make_world, submit
from danvan.core import clock

TODAY = dt.date(2026, 2, 5)  # the frozen clock's day (a Thursday)


def case_on(day: dt.date, topic: str = "moi-truong", **overrides: object) -> Case:
    """A case submitted through intake (placed in Phú Xuân), then dated ``day`` as if received then."""
    values: dict[str, object] = {"title": f"{topic} {day:%d/%m}", **overrides}
    case = submit(topic_code=topic, **values).case
    Case.objects.filter(pk=case.pk).update(received_on=day)
    case.received_on = day
    return case


@dataclass
class Surge:
    world: World
    usual: list[Case]  # the environment cases of the history: one every five days
    surge: list[Case]  # nine in the last seven days
    roads: list[Case]  # another topic, steady


@pytest.fixture
def surge_world(frozen_clock) -> Surge:
    world = make_world()
    assert clock.today() == TODAY
    usual = [case_on(TODAY - dt.timedelta(days=back)) for back in range(10, 64, 5)]
    surge = [case_on(TODAY - dt.timedelta(days=back)) for back in (0, 0, 1, 1, 2, 3, 4, 5, 6)]
    roads = [case_on(TODAY - dt.timedelta(days=back), "giao-thong-ha-tang") for back in range(0, 64, 4)]
    return Surge(world, usual, surge, roads)


@pytest.fixture(autouse=True)
def no_same_matter_alerts(settings):
    """These worlds send one default letter many times to one ward: the near-duplicates part would (rightly) see
    many people on one matter, growing fast, and raise its own alerts. Those are tested in tests/duplicates; here
    only the early warnings' alerts are counted."""
    settings.DANVAN_INSIGHT_MASS_PEOPLE = 10**6
    settings.DANVAN_INSIGHT_GROWING_PEOPLE = 10**6
