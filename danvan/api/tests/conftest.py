"""A partner world for REST API tests: a body in Huế that gets the cases, a partner with keys.

(Deliberately a copy of the Open311 one: the two interface apps do not import each other.)
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from danvan.cases.models import RoutingRule
from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.tests.factories import commune, grant, make_user, organization
from danvan.partners.services import api_key_issue


@dataclass
class PartnerWorld:
    body: Organization
    partner: Organization
    operator: User
    handler: User
    key: str  # submit + read_own
    read_key: str  # read_own only


@pytest.fixture
def pw(db: None) -> PartnerWorld:
    tinh = organization("UBND thành phố Huế")
    body = organization("UBND Phường Phú Xuân", unit=commune(19753), parent=tinh)
    partner = organization("Trung tâm IOC Huế", parent=tinh)
    RoutingRule.objects.create(organization=body)
    operator, handler = make_user(username="vanhanh"), make_user(username="xuly")
    grant(operator, Role.OPERATOR, tinh, subtree=True)
    grant(handler, Role.HANDLER, body)
    key = api_key_issue(actor=operator, organization=partner, name="IOC", scopes=["submit", "read_own"]).plaintext
    read_key = api_key_issue(actor=operator, organization=partner, name="IOC đọc", scopes=["read_own"]).plaintext
    return PartnerWorld(body, partner, operator, handler, key, read_key)
