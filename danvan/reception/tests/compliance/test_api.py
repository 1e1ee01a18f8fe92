"""GET /api/v1/reception/compliance: the dashboard's figures for staff; others refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from danvan.reception import choices
from danvan.reception.tests.factories import ReceptionWorld, at, citizen, session

pytestmark = pytest.mark.django_db
URL = "/api/v1/reception/compliance"


@pytest.fixture
def world(rworld: ReceptionWorld, frozen_clock) -> ReceptionWorld:
    frozen_clock.move_to(dt.datetime(2026, 8, 5, 9, 0, tzinfo=dt.UTC))
    session(rworld.point, rworld.chair, at(2026, 7, 6), duty=rworld.duty, status=choices.SessionStatus.HELD)
    return rworld


def _get(user, **params):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(URL, params)


def test_the_inspector_reads_the_month(world: ReceptionWorld) -> None:
    response = _get(world.inspector, body=world.tinh.pk, month="2026-07")
    assert response.status_code == 200
    data = response.json()
    (head,) = data["heads"]
    assert head["head_id"] == world.chair.pk
    assert (head["figures"]["required"], head["figures"]["held"], head["figures"]["ratio"]) == (2, 1, 0.5)
    assert data["month_start"] == "2026-07-01" and data["total"]["required"] == 2


def test_nothing_required_is_a_null_ratio(world: ReceptionWorld) -> None:
    data = _get(world.inspector, body=world.other.pk, month="2026-07").json()
    assert data["heads"] == [] and data["total"]["ratio"] is None


def test_refusals(world: ReceptionWorld) -> None:
    assert _get(None, body=world.tinh.pk, month="2026-07").status_code == 401
    assert _get(citizen(), body=world.tinh.pk, month="2026-07").status_code == 404
    assert _get(world.chair, body=world.other.pk, month="2026-07").status_code == 404
    assert _get(world.chair, body=999_999, month="2026-07").status_code == 404
    bad = _get(world.chair, body=world.phuong.pk, month="2026-Q3")
    assert bad.status_code == 422 and bad.json()["code"] == "invalid" and "month" in bad.json()["details"]
