from __future__ import annotations

from typing import Any

import pytest

from danvan.notifications.services import notification_send
from danvan.org.tests.factories import make_user


@pytest.fixture
def person(db: None) -> Any:
    return make_user(username="an", email="an@example.vn")


def email_to(address: str = "an@example.vn", **overrides: Any) -> Any:
    """One email notification about a case, as the cases app sends it (its delivery queued)."""
    fields: dict[str, Any] = {
        "channel": "email", "address": address, "template": "accepted", "subject": "Đã thụ lý",
        "body": "Theo dõi tại https://danvan.example.vn/tra-cuu/PA-2602-AB12CD/?k=bimat123", "about_kind": "cases.case",
        "about_id": 7, "about_label": "PA-2602-AB12CD", "link": "/tra-cuu/PA-2602-AB12CD/",
    }  # fmt: skip
    return notification_send(**(fields | overrides))
