"""The per-official figures' world: the cases' world (Huế, Phú Xuân whose handler ``xuly`` and head
``chutich`` handle its petitions, Kim Long, the city's dân vận officer with its subtree, an inspector),
plus a dân vận officer of the ward itself (a colleague, never an evaluator) and Kim Long's head."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from danvan.org.choices import Role


@dataclass
class People:
    w: Any  # danvan.cases.tests.factories.World
    ward_dan_van: Any
    other_head: Any

    def __getattr__(self, name: str) -> Any:
        return getattr(self.w, name)


@pytest.fixture
def people(db) -> People:
    from danvan.cases.tests.factories import make_world
    from danvan.org.tests.factories import officer

    w = make_world()
    return People(
        w,
        ward_dan_van=officer("danvan_px", Role.DAN_VAN_OFFICER, w.phuong, subtree=True),
        other_head=officer("chutich_kl", Role.HEAD, w.other),
    )


@pytest.fixture(autouse=True)
def _person_registry_restored():
    from danvan.emulation.selectors import evaluation_people as sel

    saved = dict(sel._REGISTRY)
    yield
    sel._REGISTRY.clear()
    sel._REGISTRY.update(saved)
