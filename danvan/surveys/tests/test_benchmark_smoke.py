"""The satisfaction benchmark (benchmarks/surveys_indices.py) at a tiny scale, on the test database.

It proves the benchmark's code runs and that the rows it writes straight into the tables are rows
the application reads as its own; speed is measured by the benchmark itself, never here. Its data
also checks the one-pass refresh against the period-by-period definition it replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from benchmarks import surveys_indices, surveys_measure, surveys_world
from danvan.org.models import Organization
from danvan.surveys import indices, selectors
from danvan.surveys.choices import PeriodKind, ScopeKind
from danvan.surveys.models import Answer, IndexSnapshot, Response, SurveyTemplate
from danvan.surveys.services import snapshots
from danvan.surveys.services.snapshots import snapshots_refresh_all

pytestmark = pytest.mark.django_db

RESPONSES, BODIES, SEED = 2_000, 20, 7
FIELDS = ["organization_id", "unit_id", "respondents", "too_few", "index", "lower", "upper", "factors", "criteria"]


@pytest.fixture
def world() -> surveys_world.World:
    world = surveys_world.world_build(bodies=BODIES, seed=SEED)
    surveys_world.responses_load(world, responses=RESPONSES, seed=SEED, progress=False)
    return world


def test_the_world_is_made_of_rows_the_application_reads(world):
    bodies = Organization.objects.filter(code__startswith="bench-")
    assert bodies.count() == BODIES
    for body in bodies.select_related("parent"):
        expected = f"{body.parent.path}{body.pk}/" if body.parent else f"/{body.pk}/"
        assert (body.path, body.depth) == (expected, expected.count("/") - 2)
    assert Response.objects.count() == RESPONSES
    assert Answer.objects.count() == RESPONSES * 6
    response = Response.objects.select_related("organization", "official").order_by("pk").last()
    assert response.organization.unit_id == response.unit_id and response.official is not None
    assert response.answered_on.year == 2026 and response.editable_until > dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert response.answers.count() == 6
    assert Response.objects.exclude(flag="").exists()  # about 1% flagged
    assert Answer.objects.filter(value=0).exists()  # about 5% "no opinion"
    # Different bodies earn different indices, each from its own unflagged answers.
    year = selectors.indices_compute(SurveyTemplate.objects.get(code="case-rating"), *surveys_measure.PERIOD)
    assert len({round(r.overall.index or 0) for r in year.values()}) > 3
    rated = bodies.order_by("pk").last()
    assert rated is not None
    counted = Answer.objects.filter(response__organization=rated, response__flag="").exclude(value=0)
    for code, score in year[rated.pk].criteria.items():
        assert score.n == counted.filter(criterion__code=code).count() > 0
    assert year[rated.pk].respondents == Response.objects.filter(organization=rated, flag="").count()


def test_every_measurement_runs_and_the_report_renders(world):
    ops, plans = surveys_measure.measure_all(world, repeats=2, refresh_bodies=3, big_repeats=1, refresh_runs=1)
    assert ops["indices_compute_year"]["scopes"] == BODIES
    assert ops["snapshots_refresh_all"]["snapshots"] == IndexSnapshot.objects.count() == ops["snapshot_rows"]
    assert ops["refresh_for_response"]["queries"] > 0
    assert ops["ranking_national"]["rows"] == BODIES
    assert 0 < ops["combined_index_subtree"]["respondents"] < RESPONSES
    assert plans and all(plan for _, _, plan in plans)
    args = argparse.Namespace(db="sqlite", seed=SEED)
    document = surveys_indices.result_document(args, world, {"seconds": 1.0, "rows_per_second": 1.0}, ops,
                                               dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC))  # fmt: skip
    document["db"] = "postgres" if document["database"]["vendor"] == "postgresql" else "sqlite"
    document["plans_file"] = "benchmarks/results/x-plans.txt"
    section = surveys_indices.render_section([document])
    assert "| operation |" in section and f"{RESPONSES:,} responses" in section


def test_the_one_pass_refresh_stores_what_each_period_computes_alone(world):
    """``snapshots_refresh_all`` counts months once; each period must equal ``indices_compute`` over it."""
    first, last = dt.date(2026, 2, 10), dt.date(2026, 11, 5)  # partial months: periods reach past both ends
    stored = snapshots_refresh_all(first=first, last=last)
    template = SurveyTemplate.objects.select_related("methodology").get(code="case-rating")
    expected_total = 0
    for kind in PeriodKind:
        for start in indices.periods_between(kind, first, last):
            for scope in ScopeKind:
                end = indices.period_end(kind, start)
                expected = selectors.indices_compute(template, start, end, scope_kind=scope)
                rows = IndexSnapshot.objects.filter(
                    template=template, scope_kind=scope, period_kind=kind, period_start=start
                )
                got = {s.scope_key: s for s in rows}
                assert set(got) == {str(k) for k in expected}
                for key, result in expected.items():
                    want = snapshots._snapshot(template, scope, key, kind, start, result)
                    assert [getattr(got[str(key)], f) for f in FIELDS] == [getattr(want, f) for f in FIELDS]
                expected_total += len(expected)
    assert sum(stored.values()) == expected_total > 0
    assert set(stored) == {ScopeKind.ORGANIZATION, ScopeKind.UNIT, ScopeKind.SERVICE}
