"""Satisfaction over the REST API: questionnaires, ratings, partners' survey answers, public indices."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from danvan.api.tests.conftest import PartnerWorld, Staff
from danvan.cases.events import CASE_ANSWERED, AnsweredCase
from danvan.core import clock, events
from danvan.org.models import AdministrativeUnit, Organization
from danvan.org.tests.factories import commune, organization
from danvan.partners.models import ApiKey
from danvan.partners.services import api_key_revoke
from danvan.rest import auth
from danvan.surveys.choices import CampaignStatus
from danvan.surveys.models import Answer, Campaign, IndexSnapshot, Invitation, Response, SurveyTemplate
from danvan.surveys.services import invitations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

CASE_CODES = ["case_overall", "case_access", "case_procedures", "case_staff", "case_results", "case_feedback"]


def rating_answers(value: int = 5, **overrides: Any) -> list[dict[str, Any]]:
    values = dict.fromkeys(CASE_CODES, value) | overrides
    return [{"criterion": code, "aspect": "satisfaction", "value": v} for code, v in values.items()]


def invite(pw: PartnerWorld, case_id: int = 7) -> str:
    """Open the rating invitation of an answered case, as the cases app does; the link's token."""
    events.publish(CASE_ANSWERED, AnsweredCase(case_id, pw.body.pk, commune(19753).pk, "pakn", "",
                                                       pw.handler.pk))  # fmt: skip
    return invitations.rating_token(case_id)


def rate(client: Client, token: str, answers: Any = None, comment: str = "", headers: dict[str, str] | None = None,
         **extra: str) -> Any:  # fmt: skip
    body = {"token": token, "answers": rating_answers() if answers is None else answers, "comment": comment}
    return client.post("/api/v1/ratings", body, content_type="application/json", headers=headers or {}, **extra)


# --- questionnaires ------------------------------------------------------------------------------------


def test_the_case_rating_questionnaire(client: Client, pw: PartnerWorld) -> None:
    data = client.get("/api/v1/surveys/templates/case-rating").json()
    assert data["code"] == "case-rating" and data["edit_window_days"] == 7 and data["is_active"]
    assert [f["code"] for f in data["factors"]] == ["access", "procedures", "staff", "results", "feedback"]
    assert data["factors"][2]["name_en"] == "The civil servants who handle the case"
    assert [c["code"] for c in data["criteria"]] == CASE_CODES  # the overall question first
    assert data["criteria"][0]["factor"] is None and data["criteria"][3]["factor"] == "staff"
    assert all(c["aspects"] == ["satisfaction"] for c in data["criteria"])
    assert data["methodology"] == {"code": "sipas", "version": 1, "name": data["methodology"]["name"], "mark": "U",
                                   "satisfied_values": [4, 5], "excluded_values": [0], "min_sample": 30,
                                   "confidence": 0.95}  # fmt: skip
    assert [s["value"] for s in data["scale"]] == [0, 1, 2, 3, 4, 5]


def test_the_sipas_questionnaire_asks_three_aspects(client: Client, pw: PartnerWorld) -> None:
    data = client.get("/api/v1/surveys/templates/sipas-2017", headers={"Accept-Language": "en"}).json()
    assert len(data["factors"]) == 5 and len(data["criteria"]) == 22
    assert data["criteria"][0]["aspects"] == ["assessment", "satisfaction", "expectation"]
    assert data["scale"][0] == {"value": 0, "label": "No opinion"}


def test_an_unknown_questionnaire_is_404(client: Client, pw: PartnerWorld) -> None:
    response = client.get("/api/v1/surveys/templates/khong-co")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


# --- ratings --------------------------------------------------------------------------------------------


def test_a_rating_is_stored_then_changed_within_its_window(client: Client, pw: PartnerWorld) -> None:
    token = invite(pw)
    first = rate(client, token, rating_answers(2), comment="Chậm.")
    assert first.status_code == 201, first.json()
    assert first.json() == {"created": True, "editable_until": "2026-02-12T09:00:00+07:00"}
    again = rate(client, token, rating_answers(5), comment="Đã sửa.")
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["editable_until"] == first.json()["editable_until"]
    response = Response.objects.get()
    assert response.source == "case_rating" and response.organization == pw.body and response.comment == "Đã sửa."
    assert set(Answer.objects.values_list("value", flat=True)) == {5}
    for reply in (first, again):
        assert token not in reply.content.decode()


def test_a_rating_cannot_change_after_its_window_nor_start_after_the_link_expired(
    client: Client, pw: PartnerWorld, frozen_clock: Any
) -> None:
    token = invite(pw)
    assert rate(client, token).status_code == 201
    frozen_clock.shift(dt.timedelta(days=8))
    closed = rate(client, token, rating_answers(1))
    assert closed.status_code == 400 and closed.json()["code"] == "closed"
    assert set(Answer.objects.values_list("value", flat=True)) == {5}
    late = invite(pw, case_id=8)
    frozen_clock.shift(dt.timedelta(days=90))
    expired = rate(client, late)
    assert expired.status_code == 400 and expired.json()["code"] == "expired"
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("answers", "status", "code", "detail"),
    [
        ([*rating_answers(), {"criterion": "nope", "aspect": "satisfaction", "value": 3}], 400, "unknown_question", ""),
        ([*rating_answers(), {"criterion": "case_staff", "aspect": "expectation", "value": 1}], 400,
         "unknown_question", ""),
        (rating_answers(case_staff=6), 400, "bad_value", ""),
        (rating_answers(case_staff=-1), 400, "bad_value", ""),
        (rating_answers()[:2], 400, "missing_answers", "missing"),
        ([], 400, "missing_answers", "missing"),
        (rating_answers(case_staff="5"), 422, "invalid", "answers.3.value"),
        (rating_answers(case_staff=True), 422, "invalid", "answers.3.value"),
        (rating_answers() + rating_answers(), 422, "invalid", "answers.6"),
        ([{"criterion": "case_staff", "aspect": "hope", "value": 1}], 422, "invalid", "answers.0.aspect"),
    ],
)  # fmt: skip
def test_a_bad_rating_is_refused_and_nothing_is_stored(client: Client, pw: PartnerWorld, answers: Any, status: int,
                                                       code: str, detail: str) -> None:  # fmt: skip
    token = invite(pw)
    response = rate(client, token, answers)
    assert response.status_code == status and response.json()["code"] == code, response.json()
    if detail:
        assert any(key.endswith(detail) for key in response.json()["details"]), response.json()
    if code == "missing_answers":
        assert "case_feedback" in response.json()["details"]["missing"]
    assert not Response.objects.exists() and not Invitation.objects.get().used


def test_html_in_the_comment_is_refused(client: Client, pw: PartnerWorld) -> None:
    response = rate(client, invite(pw), comment="<script>alert(1)</script>")
    assert response.status_code == 400 and response.json()["code"] == "html"
    assert not Response.objects.exists()


def test_an_unknown_token_is_404_and_never_echoed_nor_logged(
    client: Client, pw: PartnerWorld, caplog: pytest.LogCaptureFixture
) -> None:
    invite(pw)
    secret = "f" * 40
    with caplog.at_level(logging.DEBUG):
        response = rate(client, secret, headers={"Accept-Language": "en"})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert response.json()["message"] == "Not found."
    assert secret not in response.content.decode()
    assert all(secret not in record.getMessage() for record in caplog.records)
    assert not Response.objects.exists()


def test_ratings_are_rate_limited_per_address(
    client: Client, pw: PartnerWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(auth, "WRITE_LIMIT", 1)
    assert rate(client, invite(pw, 1)).status_code == 201
    limited = rate(client, invite(pw, 2))
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"
    assert int(limited["Retry-After"]) > 0
    assert rate(client, invite(pw, 3), REMOTE_ADDR="10.9.9.9").status_code == 201  # another address
    assert Response.objects.count() == 2


# --- partners' survey answers ----------------------------------------------------------------------


@pytest.fixture
def campaign(pw: PartnerWorld) -> Campaign:
    c = Campaign.objects.create(
        code="sipas-hue-2026", title="SIPAS Huế 2026", template=SurveyTemplate.objects.get(code="sipas-2017"),
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31), status=CampaignStatus.OPEN,
        owner=Organization.objects.get(name="UBND thành phố Huế"), device_limit=2,
    )  # fmt: skip
    c.organizations.add(pw.body)
    return c


def sipas_answers(value: int = 4) -> list[dict[str, Any]]:
    template = SurveyTemplate.objects.get(code="sipas-2017")
    return [{"criterion": c.code, "aspect": "satisfaction", "value": value} for c in template.criteria.all()] + [
        {"criterion": "staff_1", "aspect": "expectation", "value": 1}
    ]


def answer(client: Client, key: str | None, code: str = "sipas-hue-2026", extra: dict[str, str] | None = None,
           **body: Any) -> Any:  # fmt: skip
    body = {"answers": sipas_answers(), "idempotency_key": "ans-1", **body}
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.post(f"/api/v1/surveys/{code}/responses", body, content_type="application/json", headers=headers,
                       **(extra or {}))  # fmt: skip


def test_a_partner_sends_an_answer_once_however_often_it_retries(
    client: Client, pw: PartnerWorld, campaign: Campaign
) -> None:
    first = answer(client, pw.key, organization_id=pw.body.pk, device_id="kiosk-1", comment="Chờ lâu.")
    assert first.status_code == 201 and first.json()["created"] is True
    again = answer(client, pw.key, organization_id=pw.body.pk, device_id="kiosk-1", comment="Chờ lâu.")
    assert again.status_code == 200 and again.json() == {"id": first.json()["id"], "created": False}
    response = Response.objects.get()
    assert response.pk == first.json()["id"] and response.source == "api" and response.campaign == campaign
    assert response.organization == pw.body and response.device_hash and response.comment == "Chờ lâu."
    # another idempotency key is another answer; the device limit then applies
    assert (
        answer(client, pw.key, organization_id=pw.body.pk, device_id="kiosk-1", idempotency_key="ans-2").status_code
        == 201
    )
    over = answer(client, pw.key, organization_id=pw.body.pk, device_id="kiosk-1", idempotency_key="ans-3")
    assert over.status_code == 400 and over.json()["code"] == "device_limit"
    assert Response.objects.count() == 2


def test_an_idempotency_key_reused_for_another_campaign_is_409(
    client: Client, pw: PartnerWorld, campaign: Campaign
) -> None:
    assert answer(client, pw.key, organization_id=pw.body.pk).status_code == 201
    other = Campaign.objects.create(code="sipas-khac", title="Khác", template=campaign.template, owner=campaign.owner,
                                    starts_on=campaign.starts_on, ends_on=campaign.ends_on, status=CampaignStatus.OPEN)  # fmt: skip
    other.organizations.add(pw.body)
    reused = answer(client, pw.key, "sipas-khac", organization_id=pw.body.pk)
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_key_reused"
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"code": "khong-co"}, 404, "not_found"),
        ({"organization_id": None}, 400, "bad_target"),
        ({"organization_id": 987_654_321}, 400, "bad_target"),
        ({"unit_id": 987_654_321}, 400, "bad_target"),  # the campaign covers no places
        ({"answers": lambda: sipas_answers()[:3]}, 400, "missing_answers"),
        ({"answers": [{"criterion": "staff_1", "aspect": "expectation", "value": 2}]}, 400, "bad_value"),
        ({"answers": [{"criterion": "x", "aspect": "satisfaction", "value": 1}]}, 400, "unknown_question"),
        ({"idempotency_key": ""}, 422, "invalid"),
        ({"organization_id": 2**64}, 422, "invalid"),
    ],
)
def test_a_bad_answer_is_refused_and_nothing_is_stored(
    client: Client, pw: PartnerWorld, campaign: Campaign, change: dict[str, Any], status: int, code: str
) -> None:
    if change.get("answers") is not None and callable(change["answers"]):
        change["answers"] = change["answers"]()
    body = {"organization_id": pw.body.pk, **change}
    response = answer(client, pw.key, body.pop("code", "sipas-hue-2026"), **body)
    assert response.status_code == status and response.json()["code"] == code, response.json()
    assert not Response.objects.exists()


def test_a_closed_campaign_takes_no_answers(client: Client, pw: PartnerWorld, campaign: Campaign) -> None:
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED)
    response = answer(client, pw.key, organization_id=pw.body.pk)
    assert response.status_code == 400 and response.json()["code"] == "campaign_closed"
    assert not Response.objects.exists()


@pytest.mark.parametrize("which", ["none", "wrong", "revoked", "expired", "read_only", "staff_session"])
def test_answers_need_a_valid_key_with_submit(client: Client, pw: PartnerWorld, staff: Staff, campaign: Campaign,
                                              frozen_clock: Any, which: str) -> None:  # fmt: skip
    key: str | None = pw.key
    expected = (401, "invalid_api_key")
    if which == "none":
        key, expected = None, (401, "not_authenticated")
    elif which == "wrong":
        key = pw.key[:-2]
    elif which == "revoked":
        api_key_revoke(actor=pw.operator, api_key=ApiKey.objects.get(name="IOC"), reason="thử")
    elif which == "expired":
        key = pw.issue("submit", expires_at=clock.now() + dt.timedelta(hours=1))
        frozen_clock.shift(dt.timedelta(hours=2))
    elif which == "read_only":
        key, expected = pw.read_key, (403, "scope_missing")
    else:
        client.force_login(staff.head)
        key, expected = None, (401, "not_authenticated")
    response = answer(client, key, organization_id=pw.body.pk)
    assert (response.status_code, response.json()["code"]) == expected
    assert not Response.objects.exists()


def test_answers_are_rate_limited_per_key(client: Client, pw: PartnerWorld, campaign: Campaign) -> None:
    ApiKey.objects.filter(name="IOC").update(rate_limit_per_minute=1)
    assert answer(client, pw.key, organization_id=pw.body.pk).status_code == 201
    limited = answer(
        client, pw.key, organization_id=pw.body.pk, idempotency_key="ans-2", extra={"REMOTE_ADDR": "10.1.1.1"}
    )
    assert limited.status_code == 429 and limited["Retry-After"]
    assert Response.objects.count() == 1


# --- indices ----------------------------------------------------------------------------------------


def snapshot(org: Any, *, index: float, respondents: int, too_few: bool = False, kind: str = "year",
             start: dt.date = dt.date(2026, 1, 1)) -> IndexSnapshot:  # fmt: skip
    template = SurveyTemplate.objects.get(code="case-rating")
    factor = {"index": index, "lower": index - 10, "upper": min(100.0, index + 10), "n": respondents}
    return IndexSnapshot.objects.create(
        methodology=template.methodology, template=template, scope_kind="organization", scope_key=str(org.pk),
        organization=org, period_kind=kind, period_start=start, respondents=respondents, too_few=too_few,
        index=index, lower=index - 10, upper=min(100.0, index + 10), factors={"staff": factor, "access": factor},
        criteria={"case_staff": factor},
    )  # fmt: skip


@pytest.fixture
def ranked(pw: PartnerWorld, staff: Staff) -> list[IndexSnapshot]:
    small = organization_in_hue("UBND Phường Thuận Hóa", 19789)
    return [
        snapshot(pw.body, index=81.25, respondents=40),
        snapshot(staff.other_body, index=63.5, respondents=35),
        snapshot(small, index=97.75, respondents=4, too_few=True),  # stored, never published
    ]


def organization_in_hue(name: str, code: int) -> Any:
    return organization(name, unit=commune(code), parent=Organization.objects.get(name="UBND thành phố Huế"))


def test_indices_are_ranked_and_too_small_samples_carry_no_number(
    client: Client, pw: PartnerWorld, ranked: list[IndexSnapshot]
) -> None:
    response = client.get("/api/v1/indices", {"period_kind": "year", "period": "2026"})
    data = response.json()
    assert response.status_code == 200, data
    assert data["count"] == 3 and data["template"] == "case-rating"
    assert data["methodology"]["code"] == "sipas" and data["methodology"]["min_sample"] == 30
    assert data["period"] == {"kind": "year", "start": "2026-01-01", "end": "2026-12-31", "label": "2026"}
    first, second, small = data["results"]
    assert (first["id"], first["name"], first["rank"], first["index"]) == (pw.body.pk, "UBND Phường Phú Xuân", 1, 81.25)
    assert first["lower"] == 71.25 and first["upper"] == 91.25 and first["respondents"] == 40
    assert first["rank_best"] == 1 and first["rank_worst"] == 2  # the intervals overlap
    assert [f["code"] for f in first["factors"]] == ["staff", "access"] and first["factors"][0]["n"] == 40
    assert second["rank"] == 2 and second["too_few"] is False
    assert small == {"scope": "organization", "id": ranked[2].organization_id, "name": "UBND Phường Thuận Hóa",
                     "rank": None, "rank_best": None, "rank_worst": None, "index": None, "lower": None,
                     "upper": None, "respondents": 4, "too_few": True, "factors": None}  # fmt: skip
    assert "97.75" not in response.content.decode() and "87.75" not in response.content.decode()


def test_indices_page_filter_and_default_to_the_current_period(
    client: Client, pw: PartnerWorld, ranked: list[IndexSnapshot]
) -> None:
    page = client.get("/api/v1/indices", {"page": 2, "page_size": 1}).json()  # year 2026 by default (today)
    assert page["count"] == 3 and [r["rank"] for r in page["results"]] == [2]
    hue = pw.body.unit.province_id
    assert hue is not None
    assert client.get("/api/v1/indices", {"province": hue}).json()["count"] == 3
    other_province = AdministrativeUnit.objects.filter(level="province", era="2025").exclude(pk=hue).first().pk
    assert client.get("/api/v1/indices", {"province": other_province}).json()["count"] == 0
    assert client.get("/api/v1/indices", {"period": "2025"}).json()["count"] == 0
    assert client.get("/api/v1/indices", {"scope": "unit"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("kind", "period"),
    [("year", "2026-02"), ("month", "2026"), ("month", "2026-13"), ("quarter", "2026-Q5"), ("quarter", "2026-1"),
     ("year", "26"), ("month", "tháng 2")],
)  # fmt: skip
def test_a_bad_period_is_422_with_a_clear_message(client: Client, pw: PartnerWorld, kind: str, period: str) -> None:
    response = client.get("/api/v1/indices", {"period_kind": kind, "period": period},
                          headers={"Accept-Language": "en"})  # fmt: skip
    assert response.status_code == 422
    data = response.json()
    assert data["code"] == "invalid" and data["message"].startswith("Write the period as 2026 for a year")
    assert data["details"]["period"] == data["message"]


@pytest.mark.parametrize(
    "params",
    [{"template": "khong-co"}, {"period_kind": "week"}, {"scope": "service"}, {"province": 0}, {"page_size": 101}],
)
def test_other_bad_index_queries(client: Client, pw: PartnerWorld, params: dict[str, Any]) -> None:
    response = client.get("/api/v1/indices", params)
    assert response.status_code == (404 if "template" in params else 422)


def test_a_quarter_and_a_month(client: Client, pw: PartnerWorld) -> None:
    snapshot(pw.body, index=70.0, respondents=31, kind="quarter", start=dt.date(2026, 1, 1))
    snapshot(pw.body, index=75.0, respondents=31, kind="month", start=dt.date(2026, 2, 1))
    quarter = client.get("/api/v1/indices", {"period_kind": "quarter", "period": "2026-q1"}).json()
    assert quarter["period"]["label"] == "Q1/2026" and quarter["results"][0]["index"] == 70.0
    month = client.get("/api/v1/indices", {"period_kind": "month", "period": "2026-02"}).json()
    assert month["period"]["end"] == "2026-02-28" and month["results"][0]["index"] == 75.0


def test_one_body_has_its_period_and_monthly_trend(client: Client, pw: PartnerWorld) -> None:
    snapshot(pw.body, index=80.0, respondents=45)
    for month, (index, n, few) in enumerate([(60.0, 30, False), (90.0, 3, True)], start=1):
        snapshot(pw.body, index=index, respondents=n, too_few=few, kind="month", start=dt.date(2026, month, 1))
    data = client.get(f"/api/v1/indices/organizations/{pw.body.pk}", {"period": "2026"}).json()
    assert data["name"] == "UBND Phường Phú Xuân" and data["period"]["label"] == "2026"
    assert data["current"]["index"] == 80.0 and data["current"]["respondents"] == 45
    assert [f["code"] for f in data["factors"]] == ["staff", "access"]
    assert [p["period"]["label"] for p in data["trend"]] == ["01/2026", "02/2026"]
    assert data["trend"][0]["index"] == 60.0
    assert data["trend"][1] == {"period": data["trend"][1]["period"], "index": None, "lower": None, "upper": None,
                                "respondents": 3, "too_few": True}  # fmt: skip
    # a month with too few respondents: its count and nothing else
    february = client.get(f"/api/v1/indices/organizations/{pw.body.pk}", {"period_kind": "month",
                                                                          "period": "2026-02"})  # fmt: skip
    assert february.json()["current"]["index"] is None and february.json()["factors"] is None
    assert "90.0" not in february.content.decode()


def test_a_body_without_an_index_is_404(client: Client, pw: PartnerWorld, staff: Staff) -> None:
    for pk in (staff.other_body.pk, 987_654_321, 2**70):
        response = client.get(f"/api/v1/indices/organizations/{pk}")
        assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_public_reads_are_rate_limited(client: Client, pw: PartnerWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "READ_LIMIT", 2)
    assert client.get("/api/v1/indices").status_code == 200
    assert client.get("/api/v1/surveys/templates/case-rating").status_code == 200
    for path in ("/api/v1/indices", f"/api/v1/indices/organizations/{pw.body.pk}", "/api/v1/surveys/templates/x"):
        limited = client.get(path)
        assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    cache.clear()
    assert client.get("/api/v1/indices").status_code == 200


def test_the_new_endpoints_are_documented(client: Client) -> None:
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    expected = {
        ("/api/v1/surveys/templates/{code}", "get"): "satisfaction",
        ("/api/v1/ratings", "post"): "satisfaction",
        ("/api/v1/surveys/{campaign_code}/responses", "post"): "satisfaction",
        ("/api/v1/indices", "get"): "satisfaction",
        ("/api/v1/indices/organizations/{organization_id}", "get"): "satisfaction",
        ("/api/v1/cases/{case_id}/actions", "post"): "staff",
    }
    for (path, method), tag in expected.items():
        operation = schema["paths"][path][method]
        assert operation["tags"] == [tag] and operation["summary"] and operation["description"]
    body = schema["paths"]["/api/v1/cases/{case_id}/actions"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["discriminator"]["propertyName"] == "action"


def test_a_nul_character_in_a_comment_is_422(client: Client, pw: PartnerWorld, campaign: Campaign) -> None:
    assert rate(client, invite(pw), comment="a\x00b").json()["details"] == {
        "payload.comment": "Value error, must not contain the NUL character (U+0000)"
    }
    assert answer(client, pw.key, organization_id=pw.body.pk, device_id="k\x00").status_code == 422
    assert not Response.objects.exists()


def test_the_index_list_takes_a_fixed_number_of_queries(
    client: Client, pw: PartnerWorld, ranked: list[IndexSnapshot], django_assert_num_queries: Any
) -> None:
    """The template with its methodology, the period's numbers (to rank), then the page's snapshots with their
    bodies: 3, however many rows."""
    with django_assert_num_queries(3):
        assert client.get("/api/v1/indices", {"page_size": 100}).json()["count"] == 3
    for n in range(5):
        snapshot(organization_in_hue(f"Cơ quan {n}", 19777), index=50.0 + n, respondents=31)
    with django_assert_num_queries(3):
        assert client.get("/api/v1/indices", {"page_size": 100}).json()["count"] == 8
