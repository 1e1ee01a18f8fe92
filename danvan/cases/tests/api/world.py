"""A partner world for REST API tests: a body in Huế that gets the cases, a partner with keys.

(Built on danvan.partners.tests.world, which the Open311 tests share.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from danvan.cases.models import Case, RoutingRule
from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.permissions import may_manage_user
from danvan.org.tests.factories import commune, grant, make_user, organization
from danvan.partners.services import api_key_issue
from danvan.partners.tests.world import make_partner_base

PETITION: dict[str, Any] = {
    "content": "Đèn đường kiệt 5 Lê Lợi hỏng đã hai tuần, đề nghị sửa chữa.",
    "kind": "pakn",
    "place_text": "phuong phu xuan, hue",
    "name": "Trần Thị Bình",
    "phone": "0987654321",
    "consent": True,
}


@dataclass
class PartnerWorld:
    body: Organization
    partner: Organization
    operator: User
    handler: User
    key: str  # submit + read_own
    read_key: str  # read_own only

    def issue(self, *scopes: str, user: User | None = None, **kwargs: Any) -> str:
        """A new key of the partner body (``user``: the staff account it acts as). The operator issues it;
        a key acting as a head, whose role the operator could not grant (issue 12), a superuser issues."""
        issuer = self.operator
        if user is not None and not may_manage_user(self.operator, user):
            issuer = make_user(username="quantri", is_superuser=True)
        return api_key_issue(actor=issuer, organization=self.partner, name=f"Khóa {'+'.join(scopes)}",
                             scopes=list(scopes), user=user, **kwargs).plaintext  # fmt: skip

    def new_case(self, client: Client, **overrides: Any) -> Case:
        """A case sent through ``POST /cases`` with the partner's key; routed to ``body``."""
        response = client.post("/api/v1/cases", {**PETITION, **overrides}, content_type="application/json",
                               headers={"Authorization": f"Bearer {self.key}"})  # fmt: skip
        assert response.status_code == 201, response.content
        return Case.objects.get(tracking_code=response.json()["tracking_code"])


@pytest.fixture
def pw(db: None) -> PartnerWorld:
    b = make_partner_base()
    RoutingRule.objects.create(organization=b.body)
    return PartnerWorld(b.body, b.partner, b.operator, b.handler, b.key, b.read_key)


@dataclass
class Staff:
    """Officers around ``pw.body`` (UBND Phường Phú Xuân), for the permission matrix."""

    head: User  # head of the body: decides, assigns
    viewer: User  # dân vận officer of the province: reads feedback and complaints, handles nothing
    outsider: User  # handler of another body (Kim Long): sees nothing of Phú Xuân
    other_body: Organization


@pytest.fixture
def staff(pw: PartnerWorld) -> Staff:
    other = organization("UBND Phường Kim Long", unit=commune(19774), parent=pw.body.parent)
    s = Staff(make_user(username="chutich"), make_user(username="danvan"), make_user(username="xuly_kl"), other)
    grant(s.head, Role.HEAD, pw.body)
    grant(s.viewer, Role.DAN_VAN_OFFICER, pw.body.parent, subtree=True)
    grant(s.outsider, Role.HANDLER, other)
    return s
