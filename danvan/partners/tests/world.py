"""The partner world both interface apps' tests start from (api and open311 do not import each other).

The callers add the routing rule (partners may not import cases).
"""

from __future__ import annotations

from dataclasses import dataclass

from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.tests.factories import hue_city, officer, organization, ward_body
from danvan.partners.services import api_key_issue


@dataclass
class PartnerBase:
    tinh: Organization
    body: Organization  # UBND Phường Phú Xuân: where cases are routed
    partner: Organization  # the partner body holding the keys
    operator: User
    handler: User
    key: str  # submit + read_own
    read_key: str  # read_own only


def make_partner_base() -> PartnerBase:
    tinh = hue_city()
    body = ward_body(tinh)
    partner = organization("Trung tâm IOC Huế", parent=tinh)
    operator = officer("vanhanh", Role.OPERATOR, tinh, subtree=True)
    handler = officer("xuly", Role.HANDLER, body)
    key = api_key_issue(actor=operator, organization=partner, name="IOC", scopes=["submit", "read_own"]).plaintext
    read_key = api_key_issue(actor=operator, organization=partner, name="IOC đọc", scopes=["read_own"]).plaintext
    return PartnerBase(tinh, body, partner, operator, handler, key, read_key)
