"""The per-official figures over the REST API: the same readers as the pages, refusals as 404."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.clock import VIETNAM

pytestmark = pytest.mark.django_db

API = "/api/v1/emulation/evaluations/officials"


@pytest.fixture(autouse=True)
def _day(frozen_clock):
    frozen_clock.move_to(dt.datetime(2026, 2, 5, 9, tzinfo=VIETNAM))


def test_the_head_lists_his_units_officials_and_reads_one(client, people):
    client.force_login(people.head)
    response = client.get(f"{API}?organization_id={people.phuong.pk}&year=2025")
    assert response.status_code == 200
    body = response.json()
    assert sorted(row["person_id"] for row in body) == sorted([people.handler.pk, people.head.pk,
                                                               people.ward_dan_van.pk])  # fmt: skip
    one = client.get(f"{API}/{people.phuong.pk}/{people.handler.pk}?year=2025").json()
    assert [line["key"] for line in one["lines"]] == ["cases_settled_on_time", "reception_presided",
                                                      "commitments_completed", "training_certificates", "commendations"]  # fmt: skip
    first = one["lines"][0]
    assert (first["measured"], first["why"], first["figure"]) == (False, "no_data", None)
    assert one["lines"][-1]["figure"]["value"] == 0.0
    assert "grade" not in one and "score" not in one


@pytest.mark.parametrize(("who", "code"), [("handler", 200), ("dan_van", 200), ("ward_dan_van", 404),
                                           ("other_head", 404), ("inspector", 404)])  # fmt: skip
def test_one_sheet_follows_the_reviews_rule(client, people, who, code):
    client.force_login(getattr(people, who))
    response = client.get(f"{API}/{people.phuong.pk}/{people.handler.pk}?year=2025")
    assert response.status_code == code
    if code == 404:
        assert response.json()["code"] == "not_found"


def test_the_list_is_refused_to_a_colleague_and_needs_a_year(client, people):
    client.force_login(people.ward_dan_van)
    assert client.get(f"{API}?organization_id={people.phuong.pk}&year=2025").status_code == 404
    client.force_login(people.head)
    assert client.get(f"{API}?organization_id={people.phuong.pk}").status_code == 422
    assert client.get(f"{API}/{people.phuong.pk}/0?year=2025").status_code == 404
