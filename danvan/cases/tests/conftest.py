"""The world of case tests: the fixture; the factories live in ``factories`` (shared with other apps' tests)."""

import pytest

# Re-exported: tests of other apps still import these from here (web's, until they move).
from danvan.cases.tests.factories import World, make_world, petition, submit

__all__ = ["World", "make_world", "petition", "submit"]


@pytest.fixture
def world(db: None) -> World:
    return make_world()
