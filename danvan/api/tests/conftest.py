"""A partner world for REST API tests: a body in Huế that gets the cases, a partner with keys.

(Built on danvan.partners.tests.world, which the Open311 tests share.)
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from danvan.cases.models import RoutingRule
from danvan.org.models import Organization, User
from danvan.partners.tests.world import make_partner_base


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
    b = make_partner_base()
    RoutingRule.objects.create(organization=b.body)
    return PartnerWorld(b.body, b.partner, b.operator, b.handler, b.key, b.read_key)
