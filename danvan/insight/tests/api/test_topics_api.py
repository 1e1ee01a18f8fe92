"""REST: "Dân nói gì" (the topics of a run in the reader's scope), the weekly digest of a body and the hotspots,
for the readers of those pages; the query read by the pages' forms (bad input: 400 naming the parameter)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from danvan.cases.models import Case
from danvan.cases.tests.factories import make_world
from danvan.core import clock
from danvan.insight.services import topics as topic_services
from danvan.insight.tests.api.helpers import API, key_for, refused, session
from danvan.insight.tests.topics.helpers import themed_cases
from danvan.insight.tests.warnings.conftest import TODAY, case_on
from danvan.org.choices import Role
from danvan.org.tests.factories import officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


@pytest.fixture(autouse=True)
def no_mass_complaint_alerts(settings):
    settings.DANVAN_INSIGHT_MASS_PEOPLE = 10**6  # one default letter sent many times is not what is read here


# --- topics ----------------------------------------------------------------------------------------------------


@pytest.fixture
def run(world):
    themed_cases(5)
    today = clock.today()
    return topic_services.topic_run_discover(starts_on=today - dt.timedelta(days=6), ends_on=today, k=2)


def test_the_latest_run_is_read_in_the_readers_scope(world, run):
    answer = session(world.head).get(f"{API}/topics")
    assert answer.status_code == 200
    body = answer.json()
    assert body["run"]["id"] == run.pk and body["place"] is None
    assert body["tone"] == {"state": "none", "version": None, "macro_f1": None}
    assert sorted(t["id"] for t in body["topics"]) == sorted(run.topics.values_list("pk", flat=True))
    assert sum(t["cases"] for t in body["topics"]) == 10
    examples = [e["case_id"] for t in body["topics"] for e in t["examples"]]
    assert examples and all(1 <= len(t["examples"]) <= 3 for t in body["topics"])
    # a Front officer of Kim Long reads the page too, and Phú Xuân's topics are not theirs
    front = officer("mattran", Role.FRONT_OFFICER, world.other)
    assert session(front).get(f"{API}/topics").json()["topics"] == []


def test_a_place_narrows_and_one_not_in_scope_is_not_found(world, run):
    unit = run.topics.first().examples.first().case.place_unit
    client = session(world.dan_van)
    narrowed = client.get(f"{API}/topics", {"run": run.pk, "place": unit.pk}).json()
    assert narrowed["place"] == {"id": unit.pk, "name": unit.name, "level": unit.level} and len(narrowed["topics"]) == 2
    refused(client.get(f"{API}/topics", {"place": world.other.unit_id}), 404, "not_found")
    refused(client.get(f"{API}/topics", {"run": run.pk + 1000}), 404, "not_found")


@pytest.mark.parametrize(("query", "field"), [({"run": "²"}, "run"), ({"run": "0"}, "run"),
                                              ({"place": str(2**31)}, "place"), ({"place": "x"}, "place")])  # fmt: skip
def test_bad_topic_queries_are_400_naming_the_parameter(world, run, query, field):
    body = refused(session(world.head).get(f"{API}/topics", query), 400, "invalid_query")
    assert list(body["details"]) == [field]


def test_topics_need_credentials_and_the_role(world, run):
    refused(Client().get(f"{API}/topics"), 401, "not_authenticated")
    refused(session(world.handler).get(f"{API}/topics"), 403, "forbidden")
    refused(Client().get(f"{API}/topics", headers=key_for(world, world.head, "submit")), 403, "scope_missing")
    assert Client().get(f"{API}/topics", headers=key_for(world, world.head, "staff_read")).status_code == 200


# --- digest and hotspots -----------------------------------------------------------------------------------------


@pytest.fixture
def week(world, frozen_clock):
    """Phú Xuân: three cases this week (Mon 02/02 …), one the week before, a tố cáo this week; Kim Long: one."""
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    now = [case_on(monday), case_on(monday + dt.timedelta(days=1)), case_on(TODAY, "giao-thong-ha-tang")]
    before = [case_on(monday - dt.timedelta(days=3))]
    to_cao = case_on(TODAY, track="to_cao", content="Tố cáo cán bộ phường nhận tiền của hộ kinh doanh.")
    kim_long = case_on(TODAY)
    Case.objects.filter(pk=kim_long.pk).update(handling_organization=world.other)
    return now, before, to_cao


def test_the_digest_of_a_body_counts_the_week_against_the_one_before(world, week):
    answer = session(world.dan_van).get(f"{API}/digest", {"body": world.phuong.pk, "week": TODAY.isoformat()})
    assert answer.status_code == 200
    d = answer.json()
    assert (d["body"]["id"], d["start"], d["end"]) == (world.phuong.pk, "2026-02-02", "2026-02-08")
    # the dân vận officer reads no tố cáo: three this week, one before
    assert (d["now"], d["before"]) == (3, 1)
    # the first case came the week before: the usual is that one week's
    assert (d["usual_weeks"], d["usual"]) == (1, 1.0)
    assert sum(t["now"] for t in d["topics"]) == 3 and d["weeks"][-1] == {"week": "2026-02-02", "cases": 3}
    # the ward's head reads the ward's tố cáo: it is counted for them
    head = session(world.head).get(f"{API}/digest", {"week": TODAY.isoformat()}).json()
    assert (head["body"]["id"], head["now"]) == (world.phuong.pk, 4)


def test_the_digest_defaults_to_the_readers_top_body_and_last_week(world, week):
    d = session(world.dan_van).get(f"{API}/digest").json()
    assert (d["body"]["id"], d["start"], d["now"]) == (world.ubnd_tinh.pk, "2026-01-26", 1)


def test_a_body_outside_the_scope_is_not_found(world, week):
    refused(session(world.head).get(f"{API}/digest", {"body": world.other.pk}), 404, "not_found")


@pytest.mark.parametrize(("query", "field"), [({"week": "9999-12-31"}, "week"), ({"week": "2026-13-01"}, "week"),
                                              ({"week": "1999-12-31"}, "week"), ({"body": "²"}, "body"),
                                              ({"body": str(2**31)}, "body")])  # fmt: skip
def test_bad_digest_queries_are_400_naming_the_parameter(world, week, query, field):
    body = refused(session(world.head).get(f"{API}/digest", query), 400, "invalid_query")
    assert list(body["details"]) == [field]


def test_hotspots_count_the_period_against_the_one_before(world, week):
    answer = session(world.dan_van).get(f"{API}/hotspots", {"end": TODAY.isoformat(), "days": "7"})
    assert answer.status_code == 200
    h = answer.json()
    assert (h["start"], h["end"], h["days"]) == ("2026-01-30", "2026-02-05", 7)
    # Phú Xuân's four of the week and Kim Long's one; never the tố cáo for a dân vận officer
    assert sum(c["now"] for c in h["results"]) == 5 and h["count"] == len(h["results"])
    head = session(world.head).get(f"{API}/hotspots", {"end": TODAY.isoformat()}).json()
    assert sum(c["now"] for c in head["results"]) == 5  # the ward's four and its tố cáo; not Kim Long's


@pytest.mark.parametrize(("query", "field"), [({"days": "5"}, "days"), ({"days": "x"}, "days"),
                                              ({"end": "1999-01-01"}, "end"), ({"end": "2026-02-30"}, "end")])  # fmt: skip
def test_bad_hotspot_queries_are_400_naming_the_parameter(world, week, query, field):
    body = refused(session(world.head).get(f"{API}/hotspots", query), 400, "invalid_query")
    assert list(body["details"]) == [field]


def test_digest_and_hotspots_need_credentials_and_the_role(world, week):
    for path in ("digest", "hotspots"):
        refused(Client().get(f"{API}/{path}"), 401, "not_authenticated")
        refused(session(world.handler).get(f"{API}/{path}"), 403, "forbidden")
        refused(Client().get(f"{API}/{path}", headers=key_for(world, world.head, "submit")), 403, "scope_missing")
