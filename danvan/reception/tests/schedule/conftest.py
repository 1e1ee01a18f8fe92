"""Helpers of the schedule part's tests."""

import pytest

from danvan.org.choices import Role
from danvan.org.models import User
from danvan.org.tests.factories import officer
from danvan.reception.tests.factories import ReceptionWorld


@pytest.fixture
def operator(rworld: ReceptionWorld) -> User:
    return officer("vanhanh", Role.OPERATOR, rworld.tinh, subtree=True)
