"""GeoReport v2: every answer, JSON and XML, checked against the spec's schemas and each other."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from danvan.cases.models import Case
from danvan.cases.selectors import case_list_for
from danvan.cases.services.handling import case_answer, case_publish, case_register
from danvan.cases.services.intake import Petition, case_submit
from danvan.open311 import views
from danvan.open311.models import Open311Service
from danvan.open311.tests.conftest import PartnerWorld, assert_same_xml, form, get, validate
from danvan.partners.models import ApiKey, ApiKeySubmission
from danvan.partners.services import api_key_issue, api_key_revoke

pytestmark = pytest.mark.django_db

ROOTS = {"services": "services", "requests": "service_requests"}


def both(client: Client, path: str, root: str, schema: str, **params: str) -> Any:
    """GET in JSON and XML; validate the JSON; check that the XML says the same."""
    as_json = get(client, path, "json", **params)
    assert as_json.status_code == 200, as_json.content
    assert as_json["Content-Type"].startswith("application/json")
    data = as_json.json()
    validate(data, schema)
    as_xml = get(client, path, "xml", **params)
    assert as_xml.status_code == 200
    assert as_xml["Content-Type"].startswith("text/xml")
    assert_same_xml(as_xml.content, root, data)
    return data


def post(client: Client, data: dict[str, str], fmt: str = "json", **extra: str):
    return client.post(f"/open311/v2/requests.{fmt}", data, **extra)


def errors_of(response, status: int) -> list[str]:
    assert response.status_code == status, response.content
    body = response.json()
    assert isinstance(body, list) and body
    assert all(set(e) == {"code", "description"} and e["code"] == status for e in body)
    return [e["description"] for e in body]


# --- discovery, services, definitions ---------------------------------------------------------


def test_discovery_lists_the_endpoint_in_both_formats(client: Client, pw: PartnerWorld) -> None:
    data = get(client, "discovery").json()
    assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert data["endpoints"][0]["url"].endswith("/open311/v2/")
    assert_same_xml(get(client, "discovery", "xml").content, "discovery", data)


def test_services_are_the_published_ones_with_groups_and_keywords(client: Client, pw: PartnerWorld) -> None:
    Open311Service.objects.create(code="an", track="khieu_nai", name="Ẩn", is_published=False)
    data = both(client, "services", "services", "services.json")
    assert [s["service_code"] for s in data] == ["pakn", "pakn-moi-truong"]
    moi_truong = data[1]
    assert moi_truong["group"] == "Môi trường" and moi_truong["keywords"] == "rác,ngập,ô nhiễm"
    assert moi_truong["metadata"] is True and moi_truong["type"] == "realtime"


def test_a_to_cao_service_is_never_published_even_if_forced_into_the_table(client: Client, pw: PartnerWorld) -> None:
    Open311Service.objects.create(code="to-cao", track="to_cao", name="Tố cáo")
    data = both(client, "services", "services", "services.json")
    assert "to-cao" not in [s["service_code"] for s in data]
    assert get(client, "services/to-cao").status_code == 404


def test_service_definition_has_the_attributes(client: Client, pw: PartnerWorld) -> None:
    data = both(client, "services/pakn-moi-truong", "service_definition", "service-definition.json")
    codes = {a["code"]: a for a in data["attributes"]}
    assert codes["consent"]["required"] is True and [v["key"] for v in codes["consent"]["values"]] == ["yes"]
    assert {"title", "people_count", "anonymous"} <= set(codes)


def test_unknown_service_definition_is_404_in_both_formats(client: Client, pw: PartnerWorld) -> None:
    as_json = get(client, "services/khong-co")
    errors_of(as_json, 404)
    response = get(client, "services/khong-co", "xml")
    assert response.status_code == 404
    assert_same_xml(response.content, "errors", as_json.json())


# --- POST requests ------------------------------------------------------------------------------


def test_post_creates_a_case_in_the_staff_inbox_and_it_reads_back(client: Client, pw: PartnerWorld) -> None:
    response = post(client, form(pw))
    assert response.status_code == 200, response.content
    created = response.json()
    validate(created, "RequestResponse")
    code = created[0]["service_request_id"]
    case = Case.objects.get(tracking_code=code)
    assert case.channel == "open311" and case.topic == pw.topic and case.handling_organization == pw.body
    assert list(case_list_for(user=pw.handler)) == [case]
    assert ApiKeySubmission.objects.get(case=case).api_key.name == "IOC"
    # the token resolves to the id
    token = both(client, f"tokens/{created[0]['token']}", "service_requests", "TokenResponse")
    assert token[0]["service_request_id"] == code
    # the submitting key reads the content; the status is open with the legal deadline
    own = both(client, f"requests/{code}", "service_requests", "requests.json", api_key=pw.key)[0]
    assert own["status"] == "open" and own["service_code"] == "pakn-moi-truong"
    assert own["description"].startswith("Rác thải") and own["agency_responsible"] == "UBND Phường Phú Xuân"
    assert own["expected_datetime"] == f"{case.due_on.isoformat()}T23:59:59+07:00"
    # the answer comes back through GET
    case_register(case=case, actor=pw.handler)
    case_answer(case=case, actor=pw.handler, answer_text="Đã thu gom rác và xử phạt.")
    own = both(client, f"requests/{code}", "service_requests", "requests.json", api_key=pw.read_key)[0]
    assert own["status"] == "closed" and own["status_notes"] == "Đã thu gom rác và xử phạt."


def test_public_reads_carry_no_personal_data(client: Client, pw: PartnerWorld) -> None:
    code = post(client, form(pw)).json()[0]["service_request_id"]
    Case.objects.filter(tracking_code=code).update(publish_wanted=True)  # as a citizen who agreed to it
    case = Case.objects.get(tracking_code=code)
    case_register(case=case, actor=pw.handler)
    case_answer(case=case, actor=pw.handler, answer_text="Trả lời riêng cho ông An, 0912345678.")
    for fmt in ("json", "xml"):
        body = get(client, f"requests/{code}", fmt).content.decode()
        for secret in ("Nguyễn Văn", "0912345678", "an@example.vn", "Rác thải", "Trả lời riêng", "16.463000"):
            assert secret not in body
    public = both(client, f"requests/{code}", "service_requests", "requests.json")[0]
    assert public["description"] is None and public["status_notes"] is None
    assert public["address"] == "Phường Phú Xuân, Thành phố Huế"
    case_publish(case=case, actor=pw.handler, public_answer="Đã thu gom rác.")
    assert get(client, f"requests/{code}").json()[0]["status_notes"] == "Đã thu gom rác."


def test_post_in_xml_answers_in_xml(client: Client, pw: PartnerWorld) -> None:
    response = post(client, form(pw), "xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/xml")
    code = Case.objects.get().tracking_code
    assert b"<service_request_id>" + code.encode() in response.content


def test_same_idempotency_key_returns_the_same_request(client: Client, pw: PartnerWorld) -> None:
    first = post(client, form(pw), HTTP_IDEMPOTENCY_KEY="abc-1").json()[0]
    second = post(client, form(pw), HTTP_IDEMPOTENCY_KEY="abc-1").json()[0]
    assert first["service_request_id"] == second["service_request_id"]
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"service_code": None}, "service_code"),
        ({"service_code": "khong-co"}, "service_code"),
        ({"lat": "abc"}, "lat"),
        ({"lat": "95", "long": "107"}, "lat"),
        ({"lat": "48.85", "long": "2.35", "address_string": None}, "lat, long"),
        ({"lat": None, "long": None, "address_string": None}, "lat"),
        ({"description": "x" * 4001}, "4000"),
        ({"attribute[mau_sac]": "do"}, "mau_sac"),
        ({"attribute[consent]": None}, "consent"),
        ({"attribute[anonymous]": "co-le"}, "anonymous"),
        ({"attribute[people_count]": "nhieu"}, "people_count"),
        ({"ten_la": "x"}, "ten_la"),
        ({"description": "<b>đậm</b> chữ html ở đây"}, "description"),
        ({"description": "Đường ngập\x00 nước"}, "NUL"),  # PostgreSQL cannot store it: a 400, not a 500
        ({"address_string": "kiệt 12\x00"}, "NUL"),
    ],
)
def test_bad_input_is_400_and_nothing_is_stored(client: Client, pw: PartnerWorld, overrides, fragment) -> None:
    messages = errors_of(post(client, form(pw, **overrides)), 400)
    assert any(fragment in m for m in messages), messages
    assert not Case.objects.exists() and not ApiKeySubmission.objects.exists()


def test_bad_input_in_xml_uses_the_spec_error_format(client: Client, pw: PartnerWorld) -> None:
    response = post(client, form(pw, service_code=None), "xml")
    assert response.status_code == 400
    assert_same_xml(response.content, "errors", post(client, form(pw, service_code=None)).json())


@pytest.mark.parametrize("which", ["missing", "wrong", "malformed", "revoked", "expired", "no_submit_scope"])
def test_post_without_a_valid_submitting_key_is_403(client: Client, pw: PartnerWorld, which: str,
                                                    frozen_clock) -> None:  # fmt: skip
    key = pw.key
    if which == "missing":
        key = None  # type: ignore[assignment]
    elif which == "wrong":
        key = pw.key[:-3] + "xyz"
    elif which == "malformed":
        key = "not-a-key"
    elif which == "revoked":
        api_key_revoke(actor=pw.operator, api_key=ApiKey.objects.get(name="IOC"), reason="hết hợp đồng")
    elif which == "expired":
        key = api_key_issue(actor=pw.operator, organization=pw.partner, name="tạm", scopes=["submit"]).plaintext
        ApiKey.objects.filter(name="tạm").update(expires_at=dt.datetime(2026, 2, 5, 1, 0, tzinfo=dt.UTC))
    elif which == "no_submit_scope":
        key = pw.read_key
    errors_of(post(client, form(pw, api_key=key)), 403)
    assert not Case.objects.exists()


# --- GET requests -------------------------------------------------------------------------------


def _submit(pw: PartnerWorld, client: Client, **overrides: str) -> str:
    response = post(client, form(pw, **overrides))
    assert response.status_code == 200, response.content
    return response.json()[0]["service_request_id"]


def test_list_filters_by_code_status_ids_and_pages(client: Client, pw: PartnerWorld) -> None:
    a = _submit(pw, client)
    b = _submit(pw, client, service_code="pakn")
    c = _submit(pw, client, service_code="pakn")
    Case.objects.update(publish_wanted=True)  # public reads list what the public feed shows
    case_c = Case.objects.get(tracking_code=c)
    case_register(case=case_c, actor=pw.handler)
    case_answer(case=case_c, actor=pw.handler, answer_text="Đã xử lý xong.")
    data = both(client, "requests", "service_requests", "requests.json")
    assert [r["service_request_id"] for r in data] == [c, b, a]
    assert [r["service_request_id"] for r in get(client, "requests", service_code="pakn-moi-truong").json()] == [a]
    assert [r["service_request_id"] for r in get(client, "requests", status="closed").json()] == [c]
    assert [r["service_request_id"] for r in get(client, "requests", status="open").json()] == [b, a]
    assert {r["service_request_id"] for r in get(client, "requests", service_request_id=f"{a},{c}").json()} == {a, c}
    assert [r["service_request_id"] for r in get(client, "requests", page_size="2", page="2").json()] == [a]


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "2026-01-01T00:00:00+07:00", "end_date": "2026-06-01T00:00:00+07:00"},
        {"start_date": "hôm qua"},
        {"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-02-01T00:00:00Z"},
        {"status": "pending"},
        {"service_code": "khong-co"},
        {"page_size": "0"},
        {"page": "x"},
        {"status": "open\x00"},
    ],
)
def test_bad_list_parameters_are_400(client: Client, pw: PartnerWorld, params: dict[str, str]) -> None:
    errors_of(get(client, "requests", **params), 400)


def test_date_window_selects_by_request_time(client: Client, pw: PartnerWorld) -> None:
    code = _submit(pw, client)
    Case.objects.update(publish_wanted=True)  # public reads list what the public feed shows
    today = Case.objects.get().created_at
    inside = {
        "start_date": (today - dt.timedelta(days=1)).isoformat(),
        "end_date": (today + dt.timedelta(hours=1)).isoformat(),
    }
    assert [r["service_request_id"] for r in get(client, "requests", **inside).json()] == [code]
    before = {
        "start_date": (today - dt.timedelta(days=30)).isoformat(),
        "end_date": (today - dt.timedelta(days=1)).isoformat(),
    }
    assert get(client, "requests", **before).json() == []


def test_public_reads_list_only_what_the_public_feed_shows(client: Client, pw: PartnerWorld) -> None:
    # One rule of what is public (cases.publicity): a request sent through Open311 asked no citizen, so
    # it is not public; a complaint never is; the key that sent them still reads its own.
    withheld = _submit(pw, client)
    shown = _submit(pw, client)
    Case.objects.filter(tracking_code=shown).update(publish_wanted=True)
    complaint = Case.objects.get(tracking_code=_submit(pw, client))
    Case.objects.filter(pk=complaint.pk).update(track="khieu_nai", publish_wanted=True)
    assert [r["service_request_id"] for r in get(client, "requests").json()] == [shown]
    assert get(client, f"requests/{withheld}").status_code == 404
    own = {r["service_request_id"] for r in get(client, "requests", api_key=pw.read_key).json()}
    assert own == {withheld, shown, complaint.tracking_code}


def test_to_cao_never_appears_even_to_the_key_that_sent_it(client: Client, pw: PartnerWorld) -> None:
    from django.contrib.auth.models import AnonymousUser

    submitted = case_submit(actor=AnonymousUser(), channel="open311", petition=Petition(
        content="Tố cáo cán bộ phường nhận hối lộ khi cấp phép xây dựng.", track="to_cao", name="Người tố cáo",
        place_text="phuong phu xuan, hue", consent=True))  # fmt: skip
    ApiKeySubmission.objects.create(api_key=ApiKey.objects.get(name="IOC"), case=submitted.case)
    code = submitted.case.tracking_code
    for fmt in ("json", "xml"):
        assert get(client, f"requests/{code}", fmt, api_key=pw.key).status_code == 404
        assert code not in get(client, "requests", fmt, api_key=pw.key).content.decode()
    from django.core import signing

    assert get(client, f"tokens/{signing.dumps(submitted.case.pk, salt=views.TOKEN_SALT)}").status_code == 404


def test_unknown_request_and_token_are_404(client: Client, pw: PartnerWorld) -> None:
    errors_of(get(client, "requests/PA-2602-XXXXXX"), 404)
    errors_of(get(client, "tokens/gia-mao:abc"), 404)


def test_error_messages_follow_accept_language(client: Client, pw: PartnerWorld) -> None:
    response = client.get("/open311/v2/services/khong-co.json", headers={"Accept-Language": "en"})
    assert response.json()[0]["description"] == "Unknown service_code."


# --- rate limits --------------------------------------------------------------------------------


def test_reads_are_rate_limited_per_address_with_retry_after(client: Client, pw: PartnerWorld,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr(views, "READ_LIMIT", 2)
    assert get(client, "services").status_code == 200
    assert get(client, "services").status_code == 200
    response = get(client, "services")
    errors_of(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60


def test_posts_are_rate_limited_per_key(client: Client, pw: PartnerWorld) -> None:
    ApiKey.objects.filter(name="IOC").update(rate_limit_per_minute=1)
    assert post(client, form(pw)).status_code == 200
    response = post(client, form(pw), REMOTE_ADDR="10.0.0.9")
    errors_of(response, 429)
    assert response["Retry-After"]
    assert Case.objects.count() == 1
