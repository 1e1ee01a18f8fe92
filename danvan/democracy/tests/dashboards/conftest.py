import datetime as dt

import pytest

from danvan.democracy.tests.dashboards.helpers import install
from danvan.democracy.tests.factories import DemocracyWorld


@pytest.fixture
def world(dworld: DemocracyWorld, monkeypatch, frozen_clock) -> DemocracyWorld:
    frozen_clock.move_to(dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC))
    install(monkeypatch, dworld)
    return dworld
