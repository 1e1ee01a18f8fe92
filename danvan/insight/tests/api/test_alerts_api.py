"""REST: the early warnings in the reader's scope, one alert with the cases behind it the reader may open (a
tố cáo only for who may open it, and then not even counted for the others), and its status."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.cases.models import Case
from danvan.cases.tests.factories import make_world, submit
from danvan.insight.models import Alert, AlertKind, AlertStatus
from danvan.insight.services import alerts as services
from danvan.insight.tests.api.helpers import API, key_for, refused, session
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def behind(world):
    """An alert of Phú Xuân behind a phản ánh, a tố cáo of the ward and a case of Kim Long."""
    pakn = submit().case
    to_cao = submit(track="to_cao", title="Tố cáo cán bộ", content="Tố cáo cán bộ địa chính nhận tiền.").case
    elsewhere = submit(title="Ngập ở Kim Long").case
    Case.objects.filter(pk=elsewhere.pk).update(handling_organization=world.other)
    alert, _ = services.alert_raise(kind=AlertKind.SURGE, key="surge:1:roads", organization=world.phuong,
                                    title="Ngập nước tăng", summary="12 in 3 days, 2 expected",
                                    case_ids=[pakn.pk, to_cao.pk, elsewhere.pk],
                                    figures={"observed": 12, "expected": 2.0, "visits": [7]})  # fmt: skip
    return alert, pakn, to_cao, elsewhere


def test_the_list_gives_the_readers_alerts_filtered_by_status(world, behind):
    alert = behind[0]
    client = session(world.dan_van)
    listing = client.get(f"{API}/alerts")
    assert listing.status_code == 200
    body = listing.json()
    assert (body["count"], body["page"], body["page_size"]) == (1, 1, 20)
    row = body["results"][0]
    assert (row["id"], row["kind"], row["status"], row["body_id"], row["title"]) == (
        alert.pk,
        "surge",
        "open",
        world.phuong.pk,
        "Ngập nước tăng",
    )
    assert client.get(f"{API}/alerts", {"status": "closed"}).json()["count"] == 0
    assert client.get(f"{API}/alerts", {"status": "open"}).json()["count"] == 1
    other_head = officer("chutich2", Role.HEAD, world.other)
    assert session(other_head).get(f"{API}/alerts").json()["results"] == []


def test_one_alert_shows_its_figures_and_only_the_cases_the_reader_may_open(world, behind):
    alert, pakn, to_cao, elsewhere = behind
    # the province's dân vận officer may read no tố cáo: it is neither listed nor counted
    detail = session(world.dan_van).get(f"{API}/alerts/{alert.pk}").json()
    assert [c["id"] for c in detail["cases"]] == [elsewhere.pk, pakn.pk]
    assert (detail["cases_count"], detail["hidden"]) == (2, 0)
    assert detail["figures"] == {"observed": 12, "expected": 2.0}  # a crowd's visits are not figures
    assert to_cao.tracking_code not in str(detail)
    # the ward's head opens the ward's tố cáo, not Kim Long's case: that one is counted, not named
    detail = session(world.head).get(f"{API}/alerts/{alert.pk}").json()
    assert [c["id"] for c in detail["cases"]] == [to_cao.pk, pakn.pk] and detail["hidden"] == 1
    assert elsewhere.tracking_code not in str(detail)


def test_a_key_reads_with_its_officers_rights_and_needs_staff_read(world, behind):
    alert = behind[0]
    ok = Client().get(f"{API}/alerts/{alert.pk}", headers=key_for(world, world.dan_van, "staff_read"))
    assert ok.status_code == 200 and ok.json()["id"] == alert.pk
    refused(Client().get(f"{API}/alerts", headers=key_for(world, world.dan_van, "submit")), 403, "scope_missing")


def test_nobody_without_credentials_or_the_role_reads_alerts(world, behind):
    alert = behind[0]
    refused(Client().get(f"{API}/alerts"), 401, "not_authenticated")
    refused(Client().get(f"{API}/alerts/{alert.pk}"), 401, "not_authenticated")
    # a handler reads cases, not alerts: a refusal of the role, not of the input
    refused(session(world.handler).get(f"{API}/alerts"), 403, "forbidden")
    refused(session(world.handler).get(f"{API}/alerts/{alert.pk}"), 403, "forbidden")


def test_an_alert_outside_the_readers_scope_is_not_found_like_a_missing_one(world, behind):
    alert = behind[0]
    other_head = session(officer("chutich2", Role.HEAD, world.other))
    missing = refused(other_head.get(f"{API}/alerts/{alert.pk + 1000}"), 404, "not_found")
    assert refused(other_head.get(f"{API}/alerts/{alert.pk}"), 404, "not_found") == missing
    refused(other_head.get(f"{API}/alerts/{2**40}"), 404, "not_found")


def test_a_bad_status_filter_is_400_naming_it(world, behind):
    body = refused(session(world.dan_van).get(f"{API}/alerts", {"status": "everything"}), 400, "invalid_query")
    assert list(body["details"]) == ["status"]


def test_the_status_is_set_through_the_service_with_its_refusals(world, behind):
    alert = behind[0]
    headers = key_for(world, world.head, "staff_read", "staff_act")
    url = f"{API}/alerts/{alert.pk}/status"
    closing = Client().post(url, {"status": "closed", "note": " "}, content_type="application/json", headers=headers)
    refused(closing, 400, "insight_alert_close_needs_note")
    done = Client().post(url, {"status": "acknowledged", "note": "Đã giao phường."}, content_type="application/json",
                         headers=headers)  # fmt: skip
    assert done.status_code == 200 and (done.json()["status"], done.json()["status_note"]) == (
        "acknowledged",
        "Đã giao phường.",
    )
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.ACKNOWLEDGED


def test_setting_the_status_needs_staff_act_the_role_and_the_scope(world, behind):
    alert = behind[0]
    url = f"{API}/alerts/{alert.pk}/status"
    body = {"status": "closed", "note": "Xong."}
    refused(Client().post(url, body, content_type="application/json"), 401, "not_authenticated")
    read_only = key_for(world, world.head, "staff_read")
    refused(Client().post(url, body, content_type="application/json", headers=read_only), 403, "scope_missing")
    handler = key_for(world, world.handler, "staff_act")
    refused(Client().post(url, body, content_type="application/json", headers=handler), 403, "forbidden")
    other_head = key_for(world, officer("chutich2", Role.HEAD, world.other), "staff_act")
    refused(Client().post(url, body, content_type="application/json", headers=other_head), 404, "not_found")
    invalid = Client().post(url, {"status": "gone"}, content_type="application/json",
                            headers=key_for(world, world.head, "staff_act"))  # fmt: skip
    refused(invalid, 422, "invalid")
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.OPEN
