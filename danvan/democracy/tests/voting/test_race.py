"""One vote per household under concurrent requests, over real connections and transactions.

PostgreSQL only: there the code's row lock and the round's ``select_for_update`` make the second vote
wait for the first and then find the code spent (or the household voted). SQLite's in-memory test
database refuses a second writer instead of waiting, so the race is not run there (the sequential rules
are tested in test_services)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from danvan.core.errors import DomainError
from danvan.core.testing.race import race
from danvan.democracy import errors
from danvan.democracy.models import Household, OnlineBallot, OnlineVoter
from danvan.democracy.services import voting
from danvan.democracy.tests.factories import make_democracy_world
from danvan.democracy.tests.voting.conftest import open_round

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data_reseeded")]


def code_of(r, h) -> str:
    """A live code for ``h`` made without SMS (the test's own, as ``code_request`` would store it)."""
    import datetime as dt

    from danvan.core import clock
    from danvan.democracy.models import VoteCode

    code = "424242"
    VoteCode.objects.create(round=r, household=h, purpose="vote", code_hash=voting._code_digest(r, h, "vote", code),
                            expires_at=clock.now() + dt.timedelta(minutes=10))  # fmt: skip
    return code


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks and concurrent writers (PostgreSQL)")
def test_one_household_voting_twice_at_once_stores_one_vote_and_others_vote_alongside() -> None:
    world = make_democracy_world()
    r = open_round(world)
    hs = list(Household.objects.filter(village=world.village2).order_by("code"))
    same = code_of(r, hs[0])
    targets: list[Any] = [lambda c=c: voting.ballot_cast(round_=r, household_code=hs[0].code, code=same, choice=c)
               for c in ("yes", "no", "yes")]  # fmt: skip
    others = {h: code_of(r, h) for h in hs[1:4]}
    targets += [lambda h=h, code=code: voting.ballot_cast(round_=r, household_code=h.code, code=code, choice="no")
                for h, code in others.items()]  # fmt: skip
    results, failures = race(targets)
    assert len(results) == 4  # one of the three for hs[0], and the three others
    assert len(failures) == 2
    assert all(isinstance(f, DomainError) and f.code in (errors.BAD_CODE, errors.ALREADY_VOTED) for f in failures)
    assert OnlineVoter.objects.filter(round=r, household=hs[0]).count() == 1
    assert OnlineVoter.objects.filter(round=r).count() == 4 and OnlineBallot.objects.filter(round=r).count() == 4
