"""Double submits of the evaluation (PostgreSQL, real connections): two runs computing a unit's first
proposal, and two edits of a confirmed methodology, at the same moment — the second waits on the parent
row (the unit; the methodology) and then sees the first's row: never a 500 on the unique version."""

from __future__ import annotations

import pytest
from django.db import connection

from danvan.core.testing.race import double_submit
from danvan.emulation import errors as codes
from danvan.emulation.models import EvaluationMethodology, UnitEvaluation
from danvan.emulation.rules.evaluation_seed import DEFAULT_CODE
from danvan.emulation.services import evaluation as services
from danvan.emulation.tests.evaluation.factories import figures
from danvan.emulation.tests.national import rule_keeper

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("reference_data_reseeded")]  # fmt: skip


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent transactions on real connections (SQLite serialises writers)")


def test_two_runs_of_a_unit_s_first_proposal_store_one(hue, frozen_clock):
    def run():
        return lambda: services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2025)

    with figures({hue.ward.pk: 96.0}):
        assert double_submit(run(), run()) == ["stored", "stored"]
    assert list(UnitEvaluation.objects.filter(organization=hue.ward, year=2025).values_list("version", flat=True)) == [
        1
    ]


def test_two_edits_of_a_confirmed_methodology_make_one_draft(hue):
    operator = rule_keeper()
    m = EvaluationMethodology.objects.get(code=DEFAULT_CODE, version=1)

    def edit():
        return lambda: services.methodology_edit(user=operator, methodology=m,
                                                 indicators={"cases_on_time": {"weight": 3}})  # fmt: skip

    assert double_submit(edit(), edit()) == ["stored", codes.METHODOLOGY_DRAFT_EXISTS]
    assert list(EvaluationMethodology.objects.filter(code=DEFAULT_CODE).order_by("version").values_list(
        "version", flat=True)) == [1, 2]  # fmt: skip
