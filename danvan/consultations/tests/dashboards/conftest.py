import pytest

from danvan.consultations.tests.dashboards.world import FROZEN, DashWorld, make_world


@pytest.fixture
def world(db: None, frozen_clock) -> DashWorld:
    frozen_clock.move_to(FROZEN)
    return make_world()
