"""The usual world of the evaluation's tests: Huế with two wards, a dân vận officer of the city (runs and
confirms the wards' evaluations), each ward's head (reads their own), an inspector of the city."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.tests.factories import KIM_LONG, hue_city, officer, ward_body


@dataclass
class Hue:
    city: Organization
    ward: Organization  # UBND Phường Phú Xuân
    other: Organization  # UBND Phường Kim Long
    dan_van: User  # the city's dân vận officer, subtree
    ward_head: User
    other_head: User
    ward_dan_van: User  # a dân vận officer of the ward only
    citizen: User


@pytest.fixture
def hue(db) -> Hue:
    city = hue_city()
    ward, other = ward_body(city), ward_body(city, code=KIM_LONG)
    return Hue(
        city, ward, other,
        dan_van=officer("danvan_tp", Role.DAN_VAN_OFFICER, city, subtree=True),
        ward_head=officer("ct_phuxuan", Role.HEAD, ward),
        other_head=officer("ct_kimlong", Role.HEAD, other),
        ward_dan_van=officer("danvan_px", Role.DAN_VAN_OFFICER, ward, subtree=True),
        citizen=officer("congdan", Role.CITIZEN, ward),
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _indicator_registry_restored():
    """Tests register, replace and unregister providers: the registry is put back as it was after each."""
    from danvan.emulation.selectors import evaluation_indicators as ind

    saved = dict(ind._REGISTRY)
    yield
    ind._REGISTRY.clear()
    ind._REGISTRY.update(saved)


@pytest.fixture
def own_parts_unplugged():
    """Only the other capabilities' indicators: emulation's own parts (models, commitments, training, commendations)
    give no figure, so a test of the scoring sees just what it sets."""
    from danvan.emulation.selectors import evaluation_indicators as ind

    for key in ("dvk_models_registered", "dvk_models_recognised", "dvk_models_replicated", "commitments_completed",
                "training_coverage", "commendations"):  # fmt: skip
        ind.unregister_indicator(key)
