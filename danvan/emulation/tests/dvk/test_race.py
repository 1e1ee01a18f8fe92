"""Recognised and not recognised at once, over real connections and transactions (PostgreSQL: SQLite's
test database refuses a second writer instead of waiting). Each service re-reads the model with
``select_for_update``: the second waits, then sees EVALUATED is gone and answers ``dvk_bad_move``.
Without the lock both pass ``_move`` from EVALUATED and the last write wins."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from django.db import connection

from danvan.core.errors import DomainError
from danvan.core.testing.race import race
from danvan.emulation import errors
from danvan.emulation.models import DvkModel
from danvan.emulation.services import dvk as services
from danvan.emulation.tests.dvk.factories import evaluated, make_world

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data_reseeded"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"),
]


def test_recognise_and_not_recognise_at_once_decide_once(frozen_clock: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    w = make_world()
    move = services._move

    def slow_move(model: DvkModel, target: Any) -> str:  # widens the window between the check and the write
        before = move(model, target)
        time.sleep(0.3)
        return before

    monkeypatch.setattr(services, "_move", slow_move)
    model = evaluated(w, value=8)
    pages = [DvkModel.objects.get(pk=model.pk), DvkModel.objects.get(pk=model.pk)]  # two officers' pages
    results, failures = race([
        lambda: services.dvk_model_recognise(actor=w.province_dv, model=pages[0], level="tinh", decision="12/QĐ",
                                             recognised_on=dt.date(2026, 2, 5)),
        lambda: services.dvk_model_not_recognise(actor=w.province_dv, model=pages[1], reason="Chưa đạt"),
    ])  # fmt: skip
    assert len(results) == 1 and len(failures) == 1
    assert isinstance(failures[0], DomainError) and failures[0].code == errors.DVK_BAD_MOVE
    stored = DvkModel.objects.get(pk=model.pk)
    assert stored.stage == results[0].stage
    assert (stored.stage, stored.recognised_level, stored.decision_note) in {
        ("recognised", "tinh", ""),
        ("not_recognised", "", "Chưa đạt"),
    }
