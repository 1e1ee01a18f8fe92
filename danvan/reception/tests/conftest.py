"""The world of reception tests (the factories live in ``factories``)."""

import pytest

from danvan.reception.tests.factories import ReceptionWorld, make_reception_world


@pytest.fixture
def rworld(db: None) -> ReceptionWorld:
    return make_reception_world()
