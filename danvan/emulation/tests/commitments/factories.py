"""The commitments part's test world: Huế with two wards, their cadres, heads and a dân vận officer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from danvan.emulation.services import commitments as services
from danvan.org.choices import Role
from danvan.org.models import Organization
from danvan.org.tests.factories import KIM_LONG, grant, hue_city, officer, ward_body


@dataclass
class World:
    city: Organization
    ward: Organization
    other: Organization
    cadre: Any  # a handler of the ward
    clerk: Any  # a counter clerk of the ward
    head: Any  # the ward's head
    other_cadre: Any  # a handler of the other ward
    other_head: Any
    dan_van: Any  # dân vận officer of the city and its subtree
    city_head: Any


def world() -> World:
    city = hue_city()
    ward, other = ward_body(city), ward_body(city, code=KIM_LONG)
    head = officer("truong", Role.HEAD, ward)
    city_head = officer("chutichtp", Role.HEAD, city, subtree=True)
    return World(
        city=city, ward=ward, other=other,
        cadre=officer("canbo", Role.HANDLER, ward), clerk=officer("motcua", Role.COUNTER_CLERK, ward), head=head,
        other_cadre=officer("canbokhac", Role.HANDLER, other), other_head=officer("truongkhac", Role.HEAD, other),
        dan_van=officer("danvan", Role.DAN_VAN_OFFICER, city, subtree=True), city_head=city_head,
    )  # fmt: skip


def add_role(user: Any, role: Role, org: Organization, **kw: Any) -> None:
    grant(user, role, org, **kw)


def register(user: Any, org: Organization, title: str = "Tiếp dân đúng lịch", **kw: Any) -> Any:
    fields = {"reason": "Dân phản ánh chờ lâu", "measurable_result": "100% buổi tiếp đúng giờ",
              "due_on": dt.date(2026, 11, 30)} | kw  # fmt: skip
    return services.commitment_register(user=user, organization=org, title=title, **fields)
