"""The world of consultations tests (the factories live in ``factories``)."""

import pytest

from danvan.consultations.tests.factories import ConsultationsWorld, make_consultations_world


@pytest.fixture
def cworld(db: None) -> ConsultationsWorld:
    return make_consultations_world()
