"""REST: a case's routing suggestions and the clerk's choice, for whoever the case page shows the triage panel
to (who may handle it, while it is received), never on a tố cáo."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.cases.choices import Status, Track
from danvan.cases.models import Case, TopicCategory
from danvan.cases.tests.factories import make_world, submit
from danvan.insight.models import RoutingCorrection
from danvan.insight.services import route as services
from danvan.insight.tests.api.helpers import API, key_for, refused, session
from danvan.insight.tests.route.test_route import trained

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    services._loaded.clear()
    yield
    services._loaded.clear()


@pytest.fixture
def world():
    w = make_world()
    for code, name in [("ngap-ung", "Ngập úng"), ("rac-thai", "Rác thải")]:
        TopicCategory.objects.create(code=code, name=name)
    return w


def _url(case) -> str:
    return f"{API}/cases/{case.pk}/route-suggestions"


def test_without_a_model_the_suggestions_are_off_and_say_why(world):
    case = submit(content="Cống thoát nước bị tắc ở tổ 3.").case
    answer = session(world.handler).get(_url(case))
    assert answer.status_code == 200
    assert answer.json() == {"case_id": case.pk, "off": True, "off_reason": "no routing model is in use yet",
                             "auto": False, "version": None, "threshold": None, "suggestions": []}  # fmt: skip


def test_with_a_model_the_clerk_reads_the_stored_top_three(world):
    version = trained(world)
    case = submit(content="Tôi phản ánh đường bị ngập nước tại kiệt 12.", title="Ngập nước").case
    answer = session(world.handler).get(_url(case)).json()
    assert (answer["off"], answer["version"], answer["threshold"]) == (False, version.number, version.threshold)
    first = answer["suggestions"][0]
    assert (first["topic"], first["topic_name"], first["body_id"], first["body"]) == (
        "ngap-ung",
        "Ngập úng",
        world.phuong.pk,
        world.phuong.name,
    )
    assert 1 <= len(answer["suggestions"]) <= 3 and 0 < first["confidence"] <= 1
    confidences = [s["confidence"] for s in answer["suggestions"]]
    assert confidences == sorted(confidences, reverse=True)


def test_the_clerk_chooses_and_the_case_is_routed_through_the_cases_service(world):
    case = submit(content="Rác thải không được thu gom ở chợ.").case
    headers = key_for(world, world.handler, "staff_read", "staff_act")
    chosen = Client().post(f"{API}/cases/{case.pk}/route", {"topic": "rac-thai", "body_id": world.other.pk},
                           content_type="application/json", headers=headers)  # fmt: skip
    assert chosen.status_code == 200
    assert chosen.json() == {"case_id": case.pk, "topic": "rac-thai", "handling_body_id": world.other.pk,
                             "handling_body": world.other.name, "may_open": False}  # fmt: skip
    case.refresh_from_db()
    assert (case.topic.code, case.handling_organization_id) == ("rac-thai", world.other.pk)
    assert RoutingCorrection.objects.filter(case=case, organization=world.other, by=world.handler).count() == 1


def test_a_topic_not_in_use_is_refused_with_its_code(world):
    case = submit().case
    headers = key_for(world, world.handler, "staff_act")
    answer = Client().post(f"{API}/cases/{case.pk}/route", {"topic": "khong-co", "body_id": world.phuong.pk},
                           content_type="application/json", headers=headers)  # fmt: skip
    refused(answer, 400, "insight_route_choice_unknown")
    assert not RoutingCorrection.objects.exists()


def test_never_on_a_to_cao_even_for_who_may_handle_it(world):
    to_cao = submit(
        track=Track.TO_CAO, title="Tố cáo cán bộ", content="Tố cáo cán bộ nhận hối lộ khi thu gom rác."
    ).case
    head = session(world.head)
    assert head.get(f"/api/v1/cases/{to_cao.pk}").status_code == 200  # the head opens it …
    refused(head.get(_url(to_cao)), 404, "not_found")  # … but no suggestion exists for a denunciation
    headers = key_for(world, world.head, "staff_act")
    chosen = Client().post(f"{API}/cases/{to_cao.pk}/route", {"topic": "rac-thai", "body_id": world.other.pk},
                           content_type="application/json", headers=headers)  # fmt: skip
    refused(chosen, 404, "not_found")
    assert Case.objects.get(pk=to_cao.pk).handling_organization_id == world.phuong.pk


def test_who_may_not_handle_is_refused_and_who_may_not_open_finds_nothing(world):
    case = submit().case
    refused(Client().get(_url(case)), 401, "not_authenticated")
    # the province's dân vận officer opens the case but does not handle it: refused for the role
    refused(session(world.dan_van).get(_url(case)), 403, "forbidden")
    refused(Client().get(_url(case), headers=key_for(world, world.handler, "submit")), 403, "scope_missing")
    # Kim Long's handler may not open Phú Xuân's case: the same 404 as a missing case
    missing = refused(session(world.other_handler).get(f"{API}/cases/{case.pk + 1000}/route-suggestions"), 404,
                      "not_found")  # fmt: skip
    assert refused(session(world.other_handler).get(_url(case)), 404, "not_found") == missing
    refused(Client().post(f"{API}/cases/{case.pk}/route", {"topic": "rac-thai", "body_id": world.other.pk},
                          content_type="application/json", headers=key_for(world, world.other_handler, "staff_act")),
            404, "not_found")  # fmt: skip


def test_a_case_past_received_is_no_longer_routed_here(world):
    case = submit().case
    Case.objects.filter(pk=case.pk).update(status=Status.REGISTERED)
    refused(session(world.handler).get(_url(case)), 400, "insight_route_not_waiting")
