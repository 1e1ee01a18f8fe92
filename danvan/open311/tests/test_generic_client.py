"""Open311 as a third-party GeoReport v2 client meets it, against the demo's own data.

The client below builds its requests the way generic GeoReport clients do (form-encoded POST with
api_key, service_code, lat, long, description, first_name, last_name, email; the standard's paths and
``.json`` extension) and knows nothing of Dân Vận Số. Every answer is validated against the
GeoReport v2 schemas in shared/open311.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from danvan.cases.models import Case
from danvan.core.models import AuditEvent
from danvan.open311.demo import DEMO_AGREEMENT, DEMO_KEY_NAME, demo_open311_seed
from danvan.open311.models import Open311Service
from danvan.open311.tests.conftest import validate
from danvan.partners.models import ApiKey
from danvan.partners.services import api_key_issue

pytestmark = pytest.mark.django_db
PROVINCE = 46  # the demo province (Huế)


class GeoReportClient:
    """A minimal generic client: discovery → services → definition → POST → read back."""

    def __init__(self, http: Client, api_key: str = ""):
        self.http, self.api_key, self.base = http, api_key, "/open311/v2/"

    def get(self, path: str, **params: str) -> tuple[int, Any]:
        if self.api_key and path.startswith("services/"):
            params.setdefault("api_key", self.api_key)
        response = self.http.get(self.base + path + ".json", params)
        return response.status_code, response.json()

    def post_request(self, **fields: str) -> tuple[int, Any]:
        body = urlencode({"api_key": self.api_key, **fields})
        response = self.http.post(self.base + "requests.json", body,
                                  content_type="application/x-www-form-urlencoded")  # fmt: skip
        return response.status_code, response.json()


@pytest.fixture(scope="module")
def _demo_seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The demo seeded once for the module (it takes seconds; each of the 16 tests seeded it again), in a
    transaction rolled back after the module: the rest of the session never sees it."""
    from danvan.cases.demo import demo_cases_seed
    from danvan.org.demo import demo_seed

    with django_db_blocker.unblock(), transaction.atomic():
        demo_seed(PROVINCE)
        demo_cases_seed(PROVINCE)
        yield demo_open311_seed(PROVINCE).key
        transaction.set_rollback(True)


@pytest.fixture
def demo(db: None, _demo_seeded: str) -> str:
    """The demo as `danvan demo` seeds it, Open311 included; returns the printed partner key. Each test
    runs in its own savepoint inside the module's transaction (pytest-django's ``db``), so what one test
    writes is gone before the next, as when each seeded its own."""
    return _demo_seeded


def a_report(**overrides: str) -> dict[str, str]:
    fields = {
        "service_code": "pakn-giao-thong-ha-tang",
        "lat": "16.4637",
        "long": "107.5909",
        "description": "Ổ gà lớn giữa đường Lê Lợi, xe máy đi qua rất dễ ngã vào buổi tối.",
        "first_name": "Bình",
        "last_name": "Trần Thị",
        "email": "binh@example.vn",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def error_texts(status: int, body: Any, expected: int) -> list[str]:
    assert status == expected, body
    # Open311's error format: a list of {code, description}, the HTTP status as the code.
    assert isinstance(body, list) and body and all(set(e) == {"code", "description"} for e in body)
    assert all(e["code"] == expected for e in body)
    return [e["description"] for e in body]


def test_the_demo_publishes_services_with_definitions_a_client_can_read(client: Client, demo: str) -> None:
    geo = GeoReportClient(client)
    status, services = geo.get("services")
    assert status == 200
    validate(services, "services.json")
    codes = [s["service_code"] for s in services]
    assert codes == ["pakn-giao-thong-ha-tang", "pakn-moi-truong", "pakn-xay-dung-trat-tu-do-thi",
                     "pakn-dien-nuoc", "pakn", "khieu-nai"]  # fmt: skip
    for code in codes:
        status, definition = geo.get(f"services/{code}")
        assert status == 200
        validate(definition, "service-definition.json")
        assert definition["service_code"] == code


def test_the_definition_states_every_requirement_a_client_must_meet(client: Client, demo: str) -> None:
    status, definition = GeoReportClient(client).get("services/pakn-moi-truong")
    assert status == 200
    attributes = {a["code"]: a for a in definition["attributes"]}
    consent = attributes["consent"]
    assert consent["variable"] is True and consent["required"] is True and consent["datatype"] == "singlevaluelist"
    assert [v["key"] for v in consent["values"]] == ["yes"]
    assert attributes["people_count"]["datatype"] == "number"
    rules = " ".join(a["description"] for a in definition["attributes"] if not a["variable"])
    assert all(not a["required"] for a in definition["attributes"] if not a["variable"])
    for field in ("description", "first_name", "last_name", "phone", "email", "lat", "long", "address_string",
                  "address_id", "attribute[anonymous]", "media_url"):  # fmt: skip
        assert field in rules, field
    _, complaint = GeoReportClient(client).get("services/khieu-nai")
    complaint_rules = {a["code"]: a["description"] for a in complaint["attributes"]}
    assert "anonymous" not in complaint_rules and "khiếu nại không được gửi ẩn danh" in complaint_rules["rule_name"]


def test_with_the_demo_key_the_definition_needs_no_consent(client: Client, demo: str) -> None:
    status, definition = GeoReportClient(client, demo).get("services/pakn-moi-truong")
    assert status == 200
    validate(definition, "service-definition.json")
    consent = next(a for a in definition["attributes"] if a["code"] == "consent")
    assert consent["required"] is False and "thỏa thuận" in consent["datatype_description"]


def test_the_demo_key_posts_without_a_consent_attribute_and_the_agreement_is_the_record(
    client: Client, demo: str
) -> None:
    geo = GeoReportClient(client, demo)
    status, created = geo.post_request(**a_report())
    assert status == 200, created
    validate(created, "RequestResponse")
    case = Case.objects.get(tracking_code=created[0]["service_request_id"])
    assert case.consented_at is not None
    assert case.consent_text.startswith("Consent collected by the partner Văn phòng UBND")
    assert DEMO_AGREEMENT in case.consent_text and "no per-request attribute" in case.consent_text
    assert case.topic is not None and case.topic.code == "giao-thong-ha-tang"
    # It reads back with its own key, in the standard's shape.
    status, read = geo.get(f"requests/{case.tracking_code}", api_key=demo)
    assert status == 200
    validate(read, "requests.json")
    assert read[0]["service_code"] == "pakn-giao-thong-ha-tang"
    # Recording the agreement on the key was audited, once, with what it says.
    key = ApiKey.objects.get(name=DEMO_KEY_NAME)
    events = AuditEvent.objects.filter(action="partners.api_key_consent_agreement_set", object_id=str(key.pk))
    assert events.count() == 1
    assert (events.get().after or {})["consent_agreement"] == DEMO_AGREEMENT


def test_a_key_without_an_agreement_still_needs_consent_per_request(client: Client, demo: str) -> None:
    key = ApiKey.objects.get(name=DEMO_KEY_NAME)
    plain = api_key_issue(actor=key.created_by, organization=key.organization, name="Không thỏa thuận",
                          scopes=["submit"]).plaintext  # fmt: skip
    geo = GeoReportClient(client, plain)
    messages = error_texts(*geo.post_request(**a_report()), 400)
    assert messages == ["Thiếu attribute[consent] (bắt buộc)."]
    status, created = geo.post_request(**a_report(**{"attribute[consent]": "yes"}))
    assert status == 200
    case = Case.objects.get(tracking_code=created[0]["service_request_id"])
    assert case.consent_text.startswith("Open311 attribute[consent]=yes")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"first_name": None, "last_name": None}, "first_name, last_name"),
        ({"email": None}, "phone, email"),
        ({"email": "khong-phai-email"}, "email"),
        ({"phone": "12", "email": None}, "phone"),
        ({"description": "ngắn"}, "description"),
        ({"description": "<script>x</script> ổ gà giữa đường"}, "description"),
        ({"lat": "48.85", "long": "2.35"}, "lat, long"),
        ({"lat": None, "long": None, "address_string": "khong co noi nay xyz"}, "address_string"),
        ({"attribute[people_count]": "0"}, "attribute[people_count]"),
    ],
)
def test_errors_name_the_standard_fields(client: Client, demo: str, overrides: dict[str, Any], field: str) -> None:
    before = Case.objects.count()
    messages = error_texts(*GeoReportClient(client, demo).post_request(**a_report(**overrides)), 400)
    assert any(m.startswith(f"{field}: ") for m in messages), messages
    # Never a field of ours a GeoReport client does not have.
    assert not any(m.split(":")[0] in {"name", "content", "latitude", "place_text", "consent"} for m in messages)
    assert Case.objects.count() == before


def test_errors_in_vietnamese_still_name_the_standard_fields(client: Client, demo: str) -> None:
    body = urlencode({"api_key": demo, **a_report(first_name=None, last_name=None)})
    response = client.post("/open311/v2/requests.json", body, content_type="application/x-www-form-urlencoded",
                           headers={"accept-language": "vi"})  # fmt: skip
    messages = error_texts(response.status_code, response.json(), 400)
    assert messages[0].startswith("first_name, last_name: ") and "họ và tên" in messages[0]


def test_the_demo_seed_is_idempotent_and_run_by_the_demo_command(demo: str) -> None:
    services = list(Open311Service.objects.values_list("code", "track", "topic_id", "name"))
    again = demo_open311_seed(PROVINCE)
    call_command("open311_demo", stdout=io.StringIO())
    assert again.key == demo
    assert list(Open311Service.objects.values_list("code", "track", "topic_id", "name")) == services
    assert ApiKey.objects.filter(name=DEMO_KEY_NAME).count() == 1
    assert AuditEvent.objects.filter(action="partners.api_key_consent_agreement_set").count() == 1
