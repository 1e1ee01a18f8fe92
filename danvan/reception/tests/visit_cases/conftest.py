"""The reception world, with every case routed to the ward (so its head handles them)."""

import pytest

from danvan.cases.tests.factories import routed_to
from danvan.reception.tests.factories import ReceptionWorld


@pytest.fixture
def vworld(rworld: ReceptionWorld) -> ReceptionWorld:
    routed_to(rworld.phuong)
    return rworld
