"""A partner world for Open311 tests: a body in Huế that gets the cases, a partner with keys,
published services, and helpers that validate every answer against the GeoReport v2 schemas."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from django.test import Client
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from danvan.cases.models import TopicCategory
from danvan.cases.tests.factories import routed_to
from danvan.core import clock
from danvan.open311.models import Open311Service
from danvan.open311.render import ITEM_NAMES
from danvan.org.choices import Role
from danvan.org.models import Organization, User
from danvan.org.tests.factories import officer
from danvan.partners.tests.world import make_partner_base

SCHEMAS = Path(__file__).resolve().parents[3] / ".." / "shared" / "open311" / "georeport-v2"


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text())


_REGISTRY = Registry().with_resources(
    [(n, Resource.from_contents(_schema(n), default_specification=DRAFT7)) for n in ("request.json", "service.json")]
)


def validate(data: Any, schema_name: str) -> None:
    """Validate against a GeoReport v2 schema file, or a Swagger definition (for POST and tokens)."""
    if schema_name.endswith(".json"):
        schema = _schema(schema_name)
    else:
        schema = _schema("swagger.json")["definitions"][schema_name]
        schema = {"type": "array", "items": schema}
    jsonschema.Draft7Validator(schema, registry=_REGISTRY).validate(data)
    for item in data if isinstance(data, list) else [data]:
        for key in ("requested_datetime", "updated_datetime", "expected_datetime"):
            if isinstance(item, dict) and item.get(key):
                assert dt.datetime.fromisoformat(item[key]).tzinfo is not None


def _from_xml(element: ET.Element) -> Any:
    children = list(element)
    if element.tag in ITEM_NAMES:
        return [_from_xml(c) for c in children]
    if children:
        return {c.tag: _from_xml(c) for c in children}
    return element.text or ""


def _as_text(value: Any) -> Any:
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def assert_same_xml(xml: bytes, root: str, data: Any) -> None:
    """The XML is well-formed, has the expected root and carries exactly the JSON's content."""
    element = ET.fromstring(xml)  # noqa: S314 - our own output, in a test
    assert element.tag == root
    assert _from_xml(element) == _as_text(data)


@dataclass
class PartnerWorld:
    body: Organization
    partner: Organization
    operator: User
    handler: User
    topic: TopicCategory
    service: Open311Service
    general: Open311Service
    key: str  # submit + read_own
    read_key: str  # read_own only


@pytest.fixture
def pw(db: None) -> PartnerWorld:
    b = make_partner_base()
    routed_to(b.body)
    officer("chutich", Role.HEAD, b.body)
    topic, _ = TopicCategory.objects.get_or_create(code="moi-truong", defaults={"name": "Môi trường"})
    service = Open311Service.objects.create(code="pakn-moi-truong", track="pakn", topic=topic, name="Ô nhiễm, rác thải",
                                            group="Môi trường", keywords="rác,ngập,ô nhiễm")  # fmt: skip
    general = Open311Service.objects.create(code="pakn", track="pakn", name="Phản ánh, kiến nghị khác")
    return PartnerWorld(b.body, b.partner, b.operator, b.handler, topic, service, general, b.key, b.read_key)


def form(pw: PartnerWorld, **overrides: Any) -> dict[str, str]:
    values = {
        "api_key": pw.key,
        "service_code": pw.service.code,
        "address_string": "phuong phu xuan, hue",
        "lat": "16.463",
        "long": "107.590",
        "description": "Rác thải đổ trộm ở đầu kiệt 12 đường Lê Lợi, bốc mùi hôi thối nhiều ngày.",
        "first_name": "An",
        "last_name": "Nguyễn Văn",
        "phone": "0912345678",
        "email": "an@example.vn",
        "attribute[consent]": "yes",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def get(client: Client, path: str, fmt: str = "json", **params: Any) -> Any:
    return client.get(f"/open311/v2/{path}.{fmt}", params)


def now() -> dt.datetime:
    return clock.now()
