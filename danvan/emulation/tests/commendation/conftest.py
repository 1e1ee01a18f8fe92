import pytest

from danvan.emulation.tests.dvk.factories import DvkWorld, make_world


@pytest.fixture
def w(db: None, frozen_clock: object) -> DvkWorld:
    return make_world()
