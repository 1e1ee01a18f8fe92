"""No operator's marker ever reaches a citizen's page (issue 14, item 4).

The spec's confidence marks ("[U]", "[S]", "[V]"), its sections ("spec §8.1"), the deadline table's
source codes ("PĐ 18.1.LQ.9") and the machine codes of refusals are for staff and operators. Every
public page is rendered here, the receipt and the private-link page once per legal track, and none
of them may show one.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.cases import errors as case_errors
from danvan.cases.models import Case, RoutingRule
from danvan.org.tests.factories import commune, organization
from danvan.ui import registry

pytestmark = pytest.mark.django_db

ERROR_CODES = [value for name, value in vars(case_errors).items() if name.isupper() and isinstance(value, str)]
MARKERS = re.compile(
    r"\[[USV]\]|§|legal-spec|\bspec\b|\bPĐ \d|\bTODO\b|\bFIXME\b|"
    + "|".join(rf"\b{re.escape(code)}\b" for code in ERROR_CODES)
)


def visible_text(html: str) -> str:
    """What a person reads: the page without its tags' attributes, scripts and styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def assert_clean(response: Any, what: str) -> None:
    assert response.status_code in {200, 400, 404}, (what, response.status_code)  # 404: a page that says so
    found = MARKERS.findall(visible_text(response.content.decode()))
    assert not found, f"{what}: {found}"


def petition(track: str, **extra: str) -> dict[str, str]:
    data = {
        "track": track, "title": "Đường kiệt 12 ngập nước",
        "content": "Đường kiệt 12 Phú Xuân bị ngập nước mỗi khi mưa lớn, đề nghị nạo vét cống thoát nước.",
        "place_text": "phuong phu xuan, hue", "name": "Nguyễn Văn An", "phone": "0912 345 678",
        "address": "12 Lê Lợi, Huế", "people_count": "1", "consent": "on", "idempotency_key": uuid.uuid4().hex,
    }  # fmt: skip
    data.update(extra)
    return {k: v for k, v in data.items() if v != ""}


def test_no_public_page_shows_an_operators_marker_or_a_rule_code():
    body = organization("UBND Phường Phú Xuân", unit=commune(19753))
    RoutingRule.objects.create(organization=body, unit=None, track="")
    client = Client()
    for url in ("/", reverse("cases:case_submit"), reverse("cases:case_lookup"), reverse("org:place_resolve"),
                reverse("surveys:satisfaction_ranking"), reverse("surveys:satisfaction_body", args=[body.pk]),
                reverse("web:login")):  # fmt: skip
        assert_clean(client.get(url), url)
    assert_clean(client.post(reverse("cases:case_submit"), {"track": "khieu_nai", "is_anonymous": "on",
                                                           "phone": "abc", "latitude": "99"}), "form with errors")  # fmt: skip
    assert_clean(client.post(reverse("cases:case_lookup"), {"code": "??", "secret": "x"}), "look-up with errors")

    cases = {
        "pakn": petition("pakn"),
        "khieu_nai": petition("khieu_nai"),
        "to_cao": petition("to_cao"),
        "to_cao anonymous": petition("to_cao", is_anonymous="on", name="", phone="", address=""),
        "unclassified": petition("chua_phan_loai"),
    }
    for what, data in cases.items():
        sent = client.post(reverse("cases:case_submit"), data)
        assert sent.status_code == 303, (what, sent.content.decode()[:2000])
        receipt = client.get(reverse("cases:case_receipt"))
        assert_clean(receipt, f"receipt {what}")
        code, token = receipt.context["receipt"]["code"], receipt.context["receipt"]["token"]
        assert_clean(client.get(reverse("cases:case_track", args=[code]), {"k": token}, follow=True), f"track {what}")
        case = Case.objects.get(tracking_code=code)
        rating = registry.link("surveys.case_rating_url", case_id=case.pk)
        if rating:
            assert_clean(client.get(rating), f"rating form {what}")
