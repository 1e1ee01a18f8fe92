"""Migration 0008_evaluation_window stands alone: it reads no live module (a later change to
rules.evaluation_seed or core.clock must not change or break it) and does what it did."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.emulation.models import EvaluationMethodology, UnitEvaluation
from danvan.emulation.rules.evaluation_seed import DEFAULT_CODE
from danvan.emulation.services import evaluation as services
from danvan.emulation.tests.evaluation.factories import figures

pytestmark = pytest.mark.django_db


def test_migration_0008_reads_no_live_module_and_keeps_its_behaviour(hue, frozen_clock):
    import importlib
    import inspect

    from django.apps import apps

    from danvan.emulation.rules.evaluation_seed import WINDOW_BASIS

    migration = importlib.import_module("danvan.emulation.migrations.0008_evaluation_window")
    source = inspect.getsource(migration.fill)
    assert "evaluation_seed" not in source and "clock" not in source
    with figures({hue.ward.pk: 96.0}):
        services.evaluation_run(user=hue.dan_van, organizations=[hue.ward], year=2025)
    # Computed at 17:30 UTC on 4 December: 00:30 on the 5th in Vietnam (UTC+7).
    UnitEvaluation.objects.update(computed_at=dt.datetime(2026, 12, 4, 17, 30, tzinfo=dt.UTC),
                                  measured_on=dt.date(2000, 1, 1))  # fmt: skip
    EvaluationMethodology.objects.filter(code=DEFAULT_CODE, version=1).update(
        legal_basis="NĐ 90/2020/NĐ-CP", opens_month=11, opens_day=15
    )
    migration.fill(apps, None)
    assert UnitEvaluation.objects.get().measured_on == dt.date(2026, 12, 5)
    seeded = EvaluationMethodology.objects.get(code=DEFAULT_CODE, version=1)
    assert (seeded.opens_month, seeded.opens_day) == (12, 1)
    assert seeded.legal_basis == f"NĐ 90/2020/NĐ-CP; {WINDOW_BASIS}"
