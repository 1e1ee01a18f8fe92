"""Hypothesis over the query strings and forms of the public and staff pages and of Open311: random
text (unicode digits, NUL, lone surrogates, huge values) gives no 5xx, and a refused post stores
nothing. Bounded and deterministic (derandomize) so that it runs in CI (issue 12, item 10)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from danvan.cases.models import Case
from danvan.open311.tests.conftest import PartnerWorld, form
from danvan.open311.tests.conftest import pw as pw  # the partner world fixture
from danvan.org.choices import Role
from danvan.org.tests.factories import grant, make_user
from tests.fuzz_strategies import FUZZ
from tests.fuzz_strategies import params as query_params

pytestmark = pytest.mark.django_db

OPEN311_LIST = [
    "page",
    "page_size",
    "start_date",
    "end_date",
    "status",
    "service_code",
    "service_request_id",
    "api_key",
]
OPEN311_FORM = ["address_id", "attribute[people_count]", "attribute[consent]", "lat", "long", "email", "phone",
                "description", "service_code", "first_name", "address_string", "attribute[x]"]  # fmt: skip


@FUZZ
@given(params=query_params(OPEN311_LIST))
def test_open311_lists_never_fail(pw: PartnerWorld, params: dict[str, str]) -> None:
    client = Client(raise_request_exception=False)
    for fmt in ("json", "xml"):
        assert client.get(f"/open311/v2/requests.{fmt}", params).status_code < 500, params


@FUZZ
@given(params=query_params(OPEN311_FORM))
def test_open311_posts_never_fail_and_a_refusal_stores_nothing(pw: PartnerWorld, params: dict[str, str]) -> None:
    client = Client(raise_request_exception=False)
    before = Case.objects.count()
    response = client.post("/open311/v2/requests.json", form(pw, **params))
    assert response.status_code < 500, (params, response.content[:300])
    if response.status_code >= 400:
        assert Case.objects.count() == before


PUBLIC = {
    "/tra-cuu/": ["code", "secret"],
    "/tra-cuu/PA-2602-ZZZZZZ/": ["k"],
    "/danh-gia/": ["k"],
    "/hai-long/": ["period", "period_kind", "template", "province", "page"],
    "/tra-cuu-dia-danh/": ["q"],
    "/api/v1/units": ["q", "level", "province_code", "page", "page_size"],
}
STAFF = {
    "/van-hanh/ho-so/": ["organization", "place", "handler", "status", "track", "deadline", "q", "page"],
    "/van-hanh/don-vi-hanh-chinh/": ["q", "era", "level", "province", "page"],
    "/van-hanh/bao-cao/": ["start", "end"],
    "/van-hanh/bao-cao/xuat.csv": ["start", "end"],
    "/van-hanh/hai-long/": ["body", "scope", "template", "period", "kind", "page"],
    "/api/v1/cases": ["body", "place", "q", "page", "page_size", "status", "kind", "received_from"],
}


@FUZZ
@given(path=st.sampled_from(sorted(PUBLIC)), data=st.data())
def test_public_query_strings_never_fail(db: None, path: str, data: Any) -> None:
    params = data.draw(query_params(PUBLIC[path]))
    response = Client(raise_request_exception=False).get(path, params)
    assert response.status_code < 500, (path, params)


@FUZZ
@given(path=st.sampled_from(sorted(STAFF)), data=st.data())
def test_staff_query_strings_never_fail(pw: PartnerWorld, path: str, data: Any) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(pw.handler)
    params = data.draw(query_params(STAFF[path]))
    assert client.get(path, params).status_code < 500, (path, params)
    operator = make_user(username="vanhanh") if not hasattr(pw, "_op") else pw._op
    if not hasattr(pw, "_op"):
        grant(operator, Role.OPERATOR, pw.body, subtree=True)
        pw._op = operator  # type: ignore[attr-defined]
    client.force_login(operator)
    assert client.get(path, params).status_code < 500, (path, params)


PETITION_FIELDS = ["track", "title", "content", "topic", "place_text", "latitude", "longitude", "name", "phone",
                   "email", "address", "people_count", "consent", "idempotency_key", "is_anonymous"]  # fmt: skip


@FUZZ
@given(params=query_params(PETITION_FIELDS))
def test_the_citizen_form_never_fails_and_a_refusal_stores_nothing(pw: PartnerWorld, params: dict[str, str]) -> None:
    client = Client(raise_request_exception=False)
    before = Case.objects.count()
    response = client.post("/gui-phan-anh/", params)
    assert response.status_code < 500, params
    if response.status_code != 303:
        assert Case.objects.count() == before
