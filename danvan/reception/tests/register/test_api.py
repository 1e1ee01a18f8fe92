"""The register's REST endpoints: the list and a visit with identity per permission, a visit written
(idempotent by ``Idempotency-Key``), refusals in the one error shape."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.reception.models import Visit
from danvan.reception.services.register import visit_register
from danvan.reception.tests.factories import ReceptionWorld
from danvan.reception.tests.register.helpers import ID_NUMBER, walk_in

pytestmark = pytest.mark.django_db
LIST = "/api/v1/reception/register"
VISITS = "/api/v1/reception/visits"


def signed_in(client: Client, user: object) -> Client:
    client.force_login(user)
    return client


def test_the_list_shows_the_visitor_only_to_those_who_may_read_visitors(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    visit_register(actor=rworld.officer, organization=rworld.phuong, data=walk_in())
    mine = signed_in(client, rworld.officer).get(LIST).json()
    assert mine["count"] == 1 and mine["results"][0]["visitor"]["name"] == "Nguyễn Văn An"
    assert mine["results"][0]["number"] == "001/2026" and mine["results"][0]["outcome_due_on"] == "2026-02-26"
    theirs = signed_in(Client(), rworld.dan_van).get(LIST).json()
    assert theirs["count"] == 1 and theirs["results"][0]["visitor"] is None
    assert signed_in(Client(), rworld.other_officer).get(LIST).json()["count"] == 0


def test_a_visit_outside_ones_scope_is_not_found(client: Client, rworld: ReceptionWorld, frozen_clock: object) -> None:
    v = visit_register(actor=rworld.officer, organization=rworld.phuong, data=walk_in(sealed=True))
    read = signed_in(client, rworld.officer).get(f"{VISITS}/{v.pk}")
    assert read.status_code == 200 and read.json()["visitor"] is None and read.json()["sealed"] is True
    other = signed_in(Client(), rworld.other_officer).get(f"{VISITS}/{v.pk}")
    assert other.status_code == 404 and other.json()["code"] == "not_found"
    assert Client().get(LIST).status_code == 401


def test_a_visit_is_written_once_per_idempotency_key(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    body = {"body_id": rworld.phuong.pk, "content": "Xin cấp lại sổ hộ nghèo", "visitor_name": "Trần Văn Cường",
            "visitor_id_number": ID_NUMBER}  # fmt: skip
    api = signed_in(client, rworld.officer)
    first = api.post(VISITS, body, content_type="application/json", headers={"Idempotency-Key": "abc"})
    again = api.post(VISITS, body, content_type="application/json", headers={"Idempotency-Key": "abc"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and first.json()["serial_no"] == 1


def test_a_refusal_without_ground_answers_its_code(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    api = signed_in(client, rworld.officer)
    refused = api.post(VISITS, {"body_id": rworld.phuong.pk, "content": "x", "visitor_name": "A", "handling": "refused"},
                       content_type="application/json")  # fmt: skip
    assert refused.status_code == 400 and refused.json()["code"] == "no_refusal_ground"
    assert "refusal_ground" in refused.json()["details"]


def test_a_dan_van_officer_may_not_write_the_register(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    refused = signed_in(client, rworld.dan_van).post(
        VISITS, {"body_id": rworld.phuong.pk, "content": "x", "visitor_name": "A"}, content_type="application/json"
    )
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"


def test_an_unknown_body_is_a_field_error(client: Client, rworld: ReceptionWorld, frozen_clock: object) -> None:
    refused = signed_in(client, rworld.officer).post(VISITS, {"body_id": 999_999, "content": "x"},
                                                     content_type="application/json")  # fmt: skip
    assert refused.status_code == 422 and set(refused.json()["details"]) == {"body_id"}


def test_a_transfer_goes_only_to_a_body_the_officer_may_see(
    client: Client, rworld: ReceptionWorld, frozen_clock: object
) -> None:
    body = {"body_id": rworld.phuong.pk, "content": "Tranh chấp đất đai", "visitor_name": "A",
            "visitor_id_number": ID_NUMBER, "handling": "transferred"}  # fmt: skip
    api = signed_in(client, rworld.officer)  # sees only Phường Phú Xuân (VIEW_ORGANIZATION), as the web form offers
    for target in (rworld.tinh, rworld.other, rworld.phuong):
        refused = api.post(VISITS, {**body, "transferred_to_id": target.pk}, content_type="application/json")
        assert refused.status_code == 422 and refused.json()["code"] == "invalid"
        assert set(refused.json()["details"]) == {"transferred_to_id"}
    assert not Visit.objects.exists()
