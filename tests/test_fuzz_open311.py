"""Hypothesis over the Open311 endpoints the list and post fuzz (test_fuzz_bad_input) does not reach:
the discovery document, service definitions, single requests and tokens, in both formats, with odd
codes, ids and tokens (mangled real ones among them) and odd keys. Each answer is the spec's error body
or a document, never a 5xx (issue 12, item 10). Bounded and deterministic."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from danvan.open311.tests.conftest import PartnerWorld, form
from danvan.open311.tests.conftest import pw as pw  # the partner world fixture
from tests.fuzz_strategies import SAFE_VALUE, fuzz, safe
from tests.fuzz_strategies import params as query_params

pytestmark = pytest.mark.django_db

FORMATS = st.sampled_from(["json", "xml"])


def _mangled(real: str) -> Any:
    """A real value as it arrives from a careless or hostile partner."""
    return st.one_of(
        st.just(real), st.just(real.lower()), st.just(f" {real} "), st.just(real[:-1]), st.just(real + "x"),
        st.just(real[::-1]), st.integers(0, max(0, len(real) - 1)).map(lambda i: real[:i] + "²" + real[i + 1 :]),
        st.builds(lambda a, b: a + b, st.just(real), SAFE_VALUE),
    )  # fmt: skip


def _segment(real: list[str]) -> Any:
    """A path segment: a mangled real value, any text, or what the URL pattern lets through."""
    return st.one_of(
        st.sampled_from(real).flatmap(_mangled), SAFE_VALUE, st.from_regex(r"[-\w.:]{1,60}", fullmatch=True)
    )


@pytest.fixture
def real(pw: PartnerWorld) -> dict[str, list[str]]:
    client = Client()
    made = [client.post("/open311/v2/requests.json", form(pw)).json()[0] for _ in range(2)]
    ids = [client.get(f"/open311/v2/tokens/{m['token']}.json").json()[0]["service_request_id"] for m in made]
    return {"codes": [pw.service.code, pw.general.code], "tokens": [m["token"] for m in made], "ids": ids,
            "keys": [pw.key, pw.read_key, ""]}  # fmt: skip


def _get(path: str, query: dict[str, str]) -> int:
    response = Client(raise_request_exception=False).get(path, query)
    assert response.status_code < 500, (path, query, response.content[:300])
    kind = response.get("Content-Type", "")
    if "json" in kind:  # a document or the spec's error body, well formed
        json.loads(response.content)
    elif "xml" in kind:
        ET.fromstring(response.content)  # noqa: S314 - our own answer, in a test
    else:  # only the URL resolver's own "not found" (a segment the pattern refuses) is not Open311's
        assert response.status_code == 404, (path, response.status_code, kind)
    return response.status_code


@fuzz(60)
@given(data=st.data(), fmt=FORMATS, endpoint=st.sampled_from(["discovery", "services", "service", "request", "token"]))
def test_single_documents_never_fail(pw: PartnerWorld, real: dict[str, list[str]], data: Any, fmt: str,
                                     endpoint: str) -> None:  # fmt: skip
    if endpoint in {"discovery", "services"}:
        path = f"/open311/v2/{endpoint}.{fmt}"
    else:
        pool = {"service": real["codes"], "request": real["ids"], "token": real["tokens"]}[endpoint]
        segment = quote(safe(data.draw(_segment(pool))), safe="")
        folder = {"service": "services", "request": "requests", "token": "tokens"}[endpoint]
        path = f"/open311/v2/{folder}/{segment}.{fmt}"
    query = data.draw(query_params(["api_key", "jurisdiction_id", "extensions", "service_code"]))
    if data.draw(st.booleans()):
        query["api_key"] = data.draw(st.sampled_from(real["keys"]).flatmap(_mangled))
    _get(path, {k: safe(v) for k, v in query.items()})
