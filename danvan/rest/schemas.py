"""Request and response bodies of the REST API (documented in the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import field_validator

from danvan.core import parsing

MAX_PAGE_SIZE = 100
MAX_ID = parsing.MAX_ID  # a larger number is refused before it reaches the database
TEXT_LIMIT = 10_000  # the longest note, answer or reason a step takes (as on the staff pages)
NUMBER_LIMIT = 60  # a document's "số, ký hiệu" (Case.decision_number, CaseEvent.document_number)


class Error(Schema):
    """Every error: a stable machine code, a message in the caller's language, per-field details."""

    code: str
    message: str
    details: dict[str, str] = {}


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


class Input(Schema):
    """A request body. PostgreSQL cannot store U+0000 in text, so a string holding it is refused here (422,
    with the field) rather than failing at the database; the path and the query are checked in ``auth``."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain the NUL character (U+0000)")
        return value


class Page(Schema):
    count: int
    page: int
    page_size: int


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
