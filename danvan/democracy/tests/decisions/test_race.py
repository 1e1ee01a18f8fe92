"""Two officers record the same household's ballot at the same instant (PostgreSQL, real connections):
one return is stored, the other is refused ALREADY_VOTED — the unique constraint decides."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection

from danvan.core import clock
from danvan.core.errors import DomainError
from danvan.democracy import errors
from danvan.democracy.models import BallotReturn, Household
from danvan.democracy.services import decisions as s
from danvan.democracy.tests.decisions.helpers import TEAM, propose
from danvan.democracy.tests.factories import make_democracy_world


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_reseeded")
def test_one_ballot_per_household_under_concurrent_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent transactions on real connections (SQLite serialises writers)")
    w = make_democracy_world()
    matter = propose(w)
    today = clock.today()
    ballot = s.ballot_open(actor=w.village_head, matter=matter, announced_on=today - dt.timedelta(days=5),
                           distribute_on=today - dt.timedelta(days=1), team=TEAM)  # fmt: skip
    home = Household.objects.filter(village=w.village).first()
    both_checked = threading.Barrier(2, timeout=10)
    original = BallotReturn.objects.create

    def create_after_both_checked(*args: Any, **kwargs: Any) -> Any:
        both_checked.wait()  # both have read "no return yet": now both insert
        return original(*args, **kwargs)

    monkeypatch.setattr(BallotReturn.objects, "create", create_after_both_checked)
    outcomes: list[str] = []

    def record() -> None:
        try:
            s.ballot_return_record(actor=w.village_head, round_=ballot, household_id=home.pk, returned_on=today)
            outcomes.append("stored")
        except DomainError as exc:
            outcomes.append(exc.code)
        except BaseException as exc:
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=record) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == sorted(["stored", errors.ALREADY_VOTED])
    assert BallotReturn.objects.filter(round=ballot).count() == 1
