"""A small world for case tests: two bodies in Huế with their officers, and a routing rule."""

from dataclasses import dataclass
from typing import Any

import pytest

from danvan.cases.models import RoutingRule
from danvan.cases.services.intake import Petition, Submitted, case_submit
from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.tests.factories import commune, grant, make_user, organization


@dataclass
class World:
    ubnd_tinh: Organization
    phuong: Organization  # UBND Phường Phú Xuân: where cases are routed
    other: Organization  # UBND Phường Kim Long: another body
    handler: User
    head: User
    other_handler: User
    inspector: User  # subtree of the province UBND
    dan_van: User  # subtree of the province UBND
    citizen: User


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def make_world() -> World:
    tinh = organization("UBND thành phố Huế")
    phuong = organization("UBND Phường Phú Xuân", unit=commune(19753), parent=tinh)
    other = organization("UBND Phường Kim Long", unit=commune(19774), parent=tinh)
    RoutingRule.objects.create(organization=phuong)
    w = World(tinh, phuong, other, make_user(username="xuly"), make_user(username="chutich"),
              make_user(username="xuly2"), make_user(username="thanhtra"), make_user(username="danvan"),
              make_user(username="congdan"))  # fmt: skip
    grant(w.handler, Role.HANDLER, phuong)
    grant(w.head, Role.HEAD, phuong)
    grant(w.other_handler, Role.HANDLER, other)
    grant(w.inspector, Role.INSPECTOR, tinh, subtree=True)
    grant(w.dan_van, Role.DAN_VAN_OFFICER, tinh, subtree=True)
    return w


def petition(**overrides: Any) -> Petition:
    values: dict[str, Any] = {
        "content": "Đường kiệt 12 Phú Xuân bị ngập nước mỗi khi mưa lớn, đề nghị nạo vét cống.",
        "title": "Ngập nước kiệt 12",
        "track": "pakn",
        "place_text": "phuong phu xuan, hue",
        "name": "Nguyễn Văn An",
        "phone": "0912345678",
        "email": "an@example.vn",
        "consent": True,
        "consent_text": "Tôi đồng ý.",
    }
    values.update(overrides)
    return Petition(**values)


def submit(actor: Any = None, **overrides: Any) -> Submitted:
    from django.contrib.auth.models import AnonymousUser

    return case_submit(actor=actor or AnonymousUser(), petition=petition(**overrides))
