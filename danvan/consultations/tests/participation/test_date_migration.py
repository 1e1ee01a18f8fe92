"""consultations 0005: participants and votes keep Vietnam's date of their time, and the time is gone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Transactional (SQLite cannot alter tables inside the test's transaction); the flush at the end takes out
# the reference data, which the root conftest's teardown hook puts back.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("consultations", "0004_participant_without_identity")]
AFTER = [("consultations", "0005_participants_and_votes_keep_the_date")]


def test_the_time_becomes_vietnams_date_for_participants_and_votes() -> None:
    from danvan.consultations.tests import factories as f
    from danvan.democracy.tests.factories import make_democracy_world

    consultation = f.consultation(make_democracy_world(), code="ngay-gio")
    statement = f.statement(consultation, "Cần thêm đèn đường")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        _check_the_migration(consultation, statement, executor)
    finally:  # the later migrations back (0006 …): the next tests in this worker need today's tables
        latest = MigrationExecutor(connection)
        latest.migrate(latest.loader.graph.leaf_nodes())


def _check_the_migration(consultation: Any, statement: Any, executor: MigrationExecutor) -> None:
    old = executor.loader.project_state(BEFORE).apps
    Participant, Vote = old.get_model("consultations", "Participant"), old.get_model("consultations", "Vote")
    # 20:30 UTC on 5 February is 03:30 on 6 February in Vietnam.
    late = dt.datetime(2026, 2, 5, 20, 30, tzinfo=dt.UTC)
    early = dt.datetime(2026, 2, 5, 9, 0, tzinfo=dt.UTC)
    p1 = Participant.objects.create(consultation_id=consultation.pk, kind="device", key="a" * 64, created_at=late)
    p2 = Participant.objects.create(consultation_id=consultation.pk, kind="device", key="b" * 64, created_at=early)
    Vote.objects.create(statement_id=statement.pk, participant_id=p1.pk, value=1, created_at=late)
    Vote.objects.create(statement_id=statement.pk, participant_id=p2.pk, value=-1, created_at=early)

    MigrationExecutor(connection).migrate(AFTER)

    from danvan.consultations.models import Participant as NewParticipant
    from danvan.consultations.models import Vote as NewVote

    assert dict(NewParticipant.objects.values_list("pk", "created_on")) == {
        p1.pk: dt.date(2026, 2, 6), p2.pk: dt.date(2026, 2, 5)}  # fmt: skip
    assert dict(NewVote.objects.values_list("participant_id", "created_on")) == {
        p1.pk: dt.date(2026, 2, 6), p2.pk: dt.date(2026, 2, 5)}  # fmt: skip
    columns = {
        c.name for c in connection.introspection.get_table_description(connection.cursor(), NewVote._meta.db_table)
    }
    assert "created_at" not in columns and "created_on" in columns
