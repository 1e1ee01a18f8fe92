"""The usual world of democracy tests: Phường Phú Xuân (Huế) with its People's Committee and Front
committee, two residential groups with households, and the officers who act on them; plus Kim Long,
a ward where those officers have no say.

Rows are made directly (these are fixtures of state, not the behaviour under test); the behaviour is
always exercised through the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count
from typing import Any

from danvan.democracy import choices
from danvan.democracy.models import Household, Village
from danvan.org.choices import Role
from danvan.org.models import AdministrativeUnit, Organization, User
from danvan.org.tests.factories import KIM_LONG, PHU_XUAN, commune, hue_city, officer, organization, ward_body

_serials = count(1)


@dataclass
class DemocracyWorld:
    tinh: Organization  # UBND thành phố Huế
    commune: AdministrativeUnit  # Phường Phú Xuân
    phuong: Organization  # UBND Phường Phú Xuân
    front: Organization  # Ủy ban MTTQ Phường Phú Xuân
    other_commune: AdministrativeUnit  # Phường Kim Long
    other: Organization  # UBND Phường Kim Long
    village: Village  # Tổ dân phố 1: 9 households
    village2: Village  # Tổ dân phố 2: 6 households
    other_village: Village  # a residential group of Kim Long: 4 households
    chair: User  # Chủ tịch UBND phường: head with the subtree (reaches every village)
    handler: User  # công chức of the ward: publishes, answers recommendations
    village_head: User  # Tổ trưởng tổ dân phố 1
    village2_head: User
    front_officer: User  # Front committee of the ward: boards, item 5 recognition
    operator: User  # province operator (subtree)
    dan_van: User  # Ban Dân vận, province subtree (dashboards)
    other_chair: User  # Chủ tịch UBND Kim Long


def village(commune_unit: AdministrativeUnit, parent: Organization, code: str, name: str, **fields: Any) -> Village:
    kind = fields.pop("kind", choices.VillageKind.TO_DAN_PHO)
    body = organization(name, kind=kind, unit=commune_unit, parent=parent)
    return Village.objects.create(commune=commune_unit, organization=body, code=code, name=name, kind=kind, **fields)


def households(v: Village, n: int, **fields: Any) -> list[Household]:
    """``n`` households of ``v``, coded H001…, each with a representative and a phone."""
    made = []
    for i in range(1, n + 1):
        serial = next(_serials)
        defaults = {"representative_name": f"Chủ hộ {serial}", "phone": f"09{serial:08d}", "members": 3}
        made.append(Household.objects.create(village=v, code=f"H{i:03d}", **{**defaults, **fields}))
    return made


def make_democracy_world() -> DemocracyWorld:
    tinh = hue_city()
    phuong = ward_body(tinh)
    unit = commune(PHU_XUAN)
    front = organization("Ủy ban MTTQ Việt Nam Phường Phú Xuân", kind="uy_ban_mttq", unit=unit)
    other = ward_body(tinh, code=KIM_LONG)
    other_unit = commune(KIM_LONG)
    v1 = village(unit, phuong, "tdp-1", "Tổ dân phố 1")
    v2 = village(unit, phuong, "tdp-2", "Tổ dân phố 2")
    ov = village(other_unit, other, "tdp-1", "Tổ dân phố 1 (Kim Long)")
    households(v1, 9)
    households(v2, 6)
    households(ov, 4)
    return DemocracyWorld(
        tinh=tinh,
        commune=unit,
        phuong=phuong,
        front=front,
        other_commune=other_unit,
        other=other,
        village=v1,
        village2=v2,
        other_village=ov,
        chair=officer("chutich", Role.HEAD, phuong, subtree=True, full_name="Trần Thị Hoa"),
        handler=officer("congchuc", Role.HANDLER, phuong, full_name="Lê Văn Công"),
        village_head=officer("totruong1", Role.VILLAGE_HEAD, v1.organization, full_name="Nguyễn Văn Tổ"),
        village2_head=officer("totruong2", Role.VILLAGE_HEAD, v2.organization, full_name="Phan Thị Hai"),
        front_officer=officer("mattran", Role.FRONT_OFFICER, front, full_name="Hoàng Văn Mặt Trận"),
        operator=officer("vanhanh", Role.OPERATOR, tinh, subtree=True),
        dan_van=officer("danvan", Role.DAN_VAN_OFFICER, tinh, subtree=True),
        other_chair=officer("chutich2", Role.HEAD, other, subtree=True),
    )
