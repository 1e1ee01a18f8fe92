"""The usual world of reception tests: Huế's People's Committee over Phường Phú Xuân, whose chair must
receive citizens at the ward's reception point, a reception officer there, officers of another ward
and of the province, and helpers that make points, duties, sessions and visits.

Rows are made directly (these are fixtures of state, not the behaviour under test); the behaviour is
always exercised through the services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import count
from typing import Any

from danvan.core.clock import VIETNAM
from danvan.org.choices import Role
from danvan.org.models import Organization, Position, User
from danvan.org.tests.factories import KIM_LONG, hue_city, make_user, officer, ward_body
from danvan.reception import choices
from danvan.reception.models import HeadDuty, ReceptionPoint, ReceptionSession, Visit

_serials = count(1)


@dataclass
class ReceptionWorld:
    tinh: Organization  # UBND thành phố Huế
    phuong: Organization  # UBND Phường Phú Xuân
    other: Organization  # UBND Phường Kim Long
    chair: User  # Chủ tịch UBND phường: role head, position is_head
    deputy: User  # Phó Chủ tịch: role head too (may stand in where the rule allows)
    officer: User  # cán bộ tiếp công dân of the ward
    other_officer: User  # reception officer of Kim Long
    inspector: User  # subtree of the province
    dan_van: User  # subtree of the province
    handler: User  # a handler of the ward (works on tasks)
    point: ReceptionPoint
    duty: HeadDuty


def at(year: int, month: int, day: int, hour: int = 7, minute: int = 30) -> dt.datetime:
    """An aware instant in Vietnam time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


def reception_point(org: Organization, **fields: Any) -> ReceptionPoint:
    defaults = {"name": f"Trụ sở tiếp công dân {org.name}", "address": "2 Lê Lợi, Huế", "unit": org.unit,
                "hours": "Thứ Hai–Thứ Sáu, 7:30–11:30"}  # fmt: skip
    return ReceptionPoint.objects.create(organization=org, **{**defaults, **fields})


def head_duty(point: ReceptionPoint, head: User, **fields: Any) -> HeadDuty:
    defaults = {"head_kind": choices.HeadKind.UBND_CHAIR, "level": choices.Level.COMMUNE,
                "valid_from": dt.date(2025, 1, 1), "weekday": 0}  # fmt: skip
    return HeadDuty.objects.create(organization=point.organization, head=head, point=point, **{**defaults, **fields})


def session(point: ReceptionPoint, head: User, starts_at: dt.datetime, **fields: Any) -> ReceptionSession:
    defaults = {"ends_at": starts_at + dt.timedelta(hours=4), "capacity": 10}
    return ReceptionSession.objects.create(
        organization=point.organization, point=point, head=head, starts_at=starts_at, **{**defaults, **fields}
    )


def visit(org: Organization, officer_user: User, **fields: Any) -> Visit:
    """A register line, numbered after any other the test made (use the service to test numbering)."""
    received_at = fields.pop("received_at", at(2026, 2, 5, 9, 0))
    defaults = {"year": received_at.year, "serial_no": next(_serials), "received_at": received_at,
                "receiving_officer": officer_user, "visitor_name": "Nguyễn Văn An",
                "visitor_address": "12 Hùng Vương, Phú Xuân, Huế", "content": "Đường kiệt bị ngập khi mưa",
                "handling": choices.Handling.RECEIVED}  # fmt: skip
    return Visit.objects.create(organization=org, **{**defaults, **fields})


def make_reception_world() -> ReceptionWorld:
    tinh = hue_city()
    phuong = ward_body(tinh)
    other = ward_body(tinh, code=KIM_LONG)
    chair = officer("chutich", Role.HEAD, phuong, full_name="Trần Thị Hoa")
    Position.objects.create(person=chair, organization=phuong, title="Chủ tịch UBND phường", is_head=True)
    deputy = officer("phochutich", Role.HEAD, phuong, full_name="Lê Văn Minh")
    Position.objects.create(person=deputy, organization=phuong, title="Phó Chủ tịch UBND phường")
    reception_officer = officer("tiepdan", Role.RECEPTION_OFFICER, phuong, full_name="Phạm Thu Trang")
    point = reception_point(phuong)
    point.officers.add(reception_officer)
    return ReceptionWorld(
        tinh=tinh,
        phuong=phuong,
        other=other,
        chair=chair,
        deputy=deputy,
        officer=reception_officer,
        other_officer=officer("tiepdan2", Role.RECEPTION_OFFICER, other),
        inspector=officer("thanhtra", Role.INSPECTOR, tinh, subtree=True),
        dan_van=officer("danvan", Role.DAN_VAN_OFFICER, tinh, subtree=True),
        handler=officer("xuly", Role.HANDLER, phuong),
        point=point,
        duty=head_duty(point, chair),
    )


def citizen() -> User:
    return make_user(username="congdan")
