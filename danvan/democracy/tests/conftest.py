"""The world of democracy tests (the factories live in ``factories``)."""

import pytest

from danvan.democracy.tests.factories import DemocracyWorld, make_democracy_world


@pytest.fixture
def dworld(db: None) -> DemocracyWorld:
    return make_democracy_world()
