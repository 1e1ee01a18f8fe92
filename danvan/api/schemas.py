"""Request and response bodies of the REST API (documented in the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema


class Error(Schema):
    """Every error: a stable machine code, a message in the caller's language, per-field details."""

    code: str
    message: str
    details: dict[str, str] = {}


class CaseCreate(Schema):
    content: str = Field(..., max_length=10_000)
    title: str = Field("", max_length=200)
    kind: Literal["pakn", "khieu_nai", "to_cao", "chua_phan_loai"] = "chua_phan_loai"
    topic_code: str = Field("", max_length=60)
    place_text: str = Field("", max_length=300)
    place_unit_id: int | None = Field(None, ge=1, le=2_147_483_647)
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    name: str = Field("", max_length=200)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=300)
    is_anonymous: bool = False
    people_count: int = Field(1, ge=1, le=10_000)
    consent: bool = False


class CaseCreated(Schema):
    tracking_code: str
    access_token: str = Field(..., description="Secret of the citizen's private link; empty on an idempotent retry")
    created: bool
    status: str
    due_on: dt.date | None


class CasePublic(Schema):
    """What the private link shows: no contact details, the public timeline's state and the answer."""

    tracking_code: str
    kind: str
    status: str
    open: bool
    received_on: dt.date
    due_on: dt.date | None
    handling_body: str | None
    answer: str | None


class CaseStaff(Schema):
    id: int
    tracking_code: str
    kind: str
    status: str
    open: bool
    title: str
    topic_code: str | None
    place_text: str
    place_unit_id: int | None
    handling_body_id: int | None
    handling_body: str | None
    handler_id: int | None
    channel: str
    received_on: dt.date
    due_on: dt.date | None
    deadline_state: str
    answer: str | None


class CaseDetail(CaseStaff):
    content: str = Field(..., description="For a tố cáo, the content with the denouncer's identity removed")


class Page(Schema):
    count: int
    page: int
    page_size: int


class CasePage(Page):
    results: list[CaseStaff]


class Unit(Schema):
    id: int
    code: int
    name: str
    level: str
    province_id: int | None


class UnitPage(Page):
    results: list[Unit]


class Organization(Schema):
    id: int
    code: str
    name: str
    kind: str
    unit_id: int
    parent_id: int | None


class OrganizationPage(Page):
    results: list[Organization]
