"""A GeoReport v2 client over real HTTP against the demo: no Django test client, only the standard
library's urllib, as a third-party client would call a running ``danvan demo`` (live server)."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

import pytest

from danvan.core.testing.browser import reference_data_restore, reseeded_afterwards  # noqa: F401 - fixture
from danvan.open311.tests.conftest import validate

pytestmark = pytest.mark.django_db(transaction=True)


def call(url: str, data: dict[str, str] | None = None) -> tuple[int, Any]:
    body = urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Accept-Language": "vi"})  # noqa: S310 - our server
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the local live server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_third_party_client_lists_defines_and_posts_against_the_demo(reseeded_afterwards, live_server):  # noqa: F811
    from django.core.management import call_command

    from danvan.cases.demo import demo_cases_seed
    from danvan.open311.demo import demo_open311_seed
    from danvan.org.demo import demo_seed

    reference_data_restore()
    demo_seed(46)
    demo_cases_seed(46)
    key = demo_open311_seed(46).key
    call_command("open311_demo", stdout=io.StringIO())
    base = live_server.url + "/open311/v2/"

    status, services = call(base + "services.json")
    assert status == 200 and len(services) == 6
    validate(services, "services.json")
    code = services[0]["service_code"]
    status, definition = call(base + f"services/{code}.json?" + urlencode({"api_key": key}))
    assert status == 200
    validate(definition, "service-definition.json")
    required = [a["code"] for a in definition["attributes"] if a["variable"] and a["required"]]
    assert required == []  # the demo key's partner collects consent: nothing more to send

    report = {"api_key": key, "service_code": code, "lat": "16.4637", "long": "107.5909",
              "description": "Ổ gà lớn giữa đường Lê Lợi, xe máy đi qua rất dễ ngã vào buổi tối.",
              "first_name": "Bình", "last_name": "Trần Thị", "email": "binh@example.vn"}  # fmt: skip
    status, errors = call(base + "requests.json", {**report, "first_name": "", "last_name": ""})
    assert status == 400 and errors[0]["code"] == 400
    assert errors[0]["description"].startswith("first_name, last_name: ")
    status, created = call(base + "requests.json", report)
    assert status == 200, created
    validate(created, "RequestResponse")
    status, read = call(base + f"requests/{created[0]['service_request_id']}.json?" + urlencode({"api_key": key}))
    assert status == 200 and read[0]["status"] == "open"
    validate(read, "requests.json")
